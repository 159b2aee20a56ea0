import { hostedInvoicePath, invoicePdfPath } from '../http/hosted-invoice';
import type { Ctx } from '../state/context';
import { emit, updateWithEvent } from '../state/events';
import { newId } from '../state/ids';
import type { Invoice, PaymentMethod, Subscription } from '../state/objects';
import { refreshTotals, settleBalance } from './invoice-totals';
import { behaviourOf } from './payment-methods';
import { endSubscription, setStatus } from './subscription-state';
import type { Decline } from './test-cards';

export type PaymentOutcome =
  { status: 'succeeded' } | { status: 'requires_action' } | { status: 'failed'; decline: Decline };

const NO_PAYMENT_METHOD: Decline = {
  code: 'resource_missing',
  declineCode: 'no_payment_method',
  message: 'This customer has no attached payment source or default payment method.',
};

function invoiceClock(invoice: Invoice): string | null {
  return typeof invoice.test_clock === 'string' ? invoice.test_clock : null;
}

export function subscriptionOf(ctx: Ctx, invoice: Invoice): Subscription | undefined {
  const id = invoice.parent?.subscription_details?.subscription;
  return typeof id === 'string' ? ctx.tx.get('subscription', id) : undefined;
}

/** draft → open: numbered, hosted page and PDF assigned, the customer's balance applied. */
export function finalizeInvoice(ctx: Ctx, invoice: Invoice): void {
  refreshTotals(ctx, invoice);
  const customer = ctx.tx.get('customer', String(invoice.customer));
  const now = ctx.now(invoiceClock(invoice));
  if (customer) {
    updateWithEvent(ctx, 'customer.updated', customer, () => settleBalance(ctx, invoice));
    invoice.number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence ?? 1).padStart(4, '0')}`;
    customer.next_invoice_sequence = (customer.next_invoice_sequence ?? 1) + 1;
  }
  invoice.status = 'open';
  invoice.status_transitions.finalized_at = now;
  invoice.effective_at = now;
  invoice.automatically_finalizes_at = null;
  invoice.hosted_invoice_url = `${ctx.config.baseUrl()}${hostedInvoicePath(invoice.id)}`;
  invoice.invoice_pdf = `${ctx.config.baseUrl()}${invoicePdfPath(invoice.id)}`;
  emit(ctx, 'invoice.finalized', invoice);
  if (invoice.amount_due === 0) markPaid(ctx, invoice, { outOfBand: false });
}

/** The card an invoice is charged to: the invoice's, else the subscription's, else the customer's default. */
export function paymentMethodFor(ctx: Ctx, invoice: Invoice): PaymentMethod | undefined {
  const sub = subscriptionOf(ctx, invoice);
  const customer = ctx.tx.get('customer', String(invoice.customer));
  const id =
    invoice.default_payment_method ??
    sub?.default_payment_method ??
    customer?.invoice_settings.default_payment_method ??
    null;
  return id ? ctx.tx.get('payment_method', String(id)) : undefined;
}

/** One collection attempt on an open invoice, with the test card's behaviour deciding the outcome. */
export function attemptPayment(
  ctx: Ctx,
  invoice: Invoice,
  pm: PaymentMethod | undefined = paymentMethodFor(ctx, invoice),
): PaymentOutcome {
  const outcome = charge(pm);
  invoice.attempt_count += 1;
  invoice.attempted = true;
  if (outcome.status === 'succeeded') markPaid(ctx, invoice, { outOfBand: false });
  else paymentFailed(ctx, invoice, outcome);
  return outcome;
}

function charge(pm: PaymentMethod | undefined): PaymentOutcome {
  if (!pm) return { status: 'failed', decline: NO_PAYMENT_METHOD };
  const behaviour = behaviourOf(pm).charge;
  if (behaviour === 'succeed') return { status: 'succeeded' };
  if (behaviour === 'requires_action') return { status: 'requires_action' };
  return { status: 'failed', decline: behaviour };
}

export function markPaid(ctx: Ctx, invoice: Invoice, opts: { outOfBand: boolean }): void {
  const now = ctx.now(invoiceClock(invoice));
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.status = 'paid';
  invoice.attempted = true;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = now;
  if (invoice.amount_paid > 0 && !opts.outOfBand) {
    const payment = ctx.tx.insert('invoice_payment', {
      id: newId('inpay'),
      object: 'invoice_payment',
      amount_paid: invoice.amount_paid,
      amount_requested: invoice.amount_due,
      created: now,
      currency: invoice.currency,
      invoice: invoice.id,
      is_default: true,
      livemode: false,
      payment: { type: 'payment_intent', payment_intent: newId('pi') },
      status: 'paid',
      status_transitions: { canceled_at: null, paid_at: now },
    });
    emit(ctx, 'invoice_payment.paid', payment);
  }
  emit(ctx, 'invoice.paid', invoice);
  if (!opts.outOfBand) emit(ctx, 'invoice.payment_succeeded', invoice);
  const sub = subscriptionOf(ctx, invoice);
  if (sub && ['incomplete', 'past_due', 'unpaid'].includes(sub.status)) setStatus(ctx, sub, 'active');
}

/**
 * A failed attempt: Stripe's events, then dunning. Renewal invoices are retried on the configured
 * schedule and push the subscription to `past_due`; after the last retry it is canceled (or left
 * `unpaid`). A subscription's first invoice is not retried: the subscription stays `incomplete`.
 */
function paymentFailed(ctx: Ctx, invoice: Invoice, outcome: Exclude<PaymentOutcome, { status: 'succeeded' }>): void {
  const now = ctx.now(invoiceClock(invoice));
  const sub = subscriptionOf(ctx, invoice);
  const retries =
    invoice.billing_reason !== 'subscription_create' &&
    invoice.auto_advance === true &&
    invoice.collection_method === 'charge_automatically';
  const { retryDays, finalAction } = ctx.config.dunning;
  const nextDelay = retries ? retryDays[invoice.attempt_count - 1] : undefined;
  invoice.next_payment_attempt = nextDelay === undefined ? null : now + nextDelay * 86_400;
  emit(
    ctx,
    outcome.status === 'requires_action' ? 'invoice.payment_action_required' : 'invoice.payment_failed',
    invoice,
  );
  if (!sub || invoice.billing_reason === 'subscription_create') return;
  if (sub.status === 'active' || sub.status === 'trialing') setStatus(ctx, sub, 'past_due');
  if (retries && nextDelay === undefined) {
    if (finalAction === 'cancel') endSubscription(ctx, sub, now, 'payment_failed');
    else setStatus(ctx, sub, 'unpaid');
  }
}

export function voidInvoice(ctx: Ctx, invoice: Invoice): void {
  invoice.status = 'void';
  invoice.next_payment_attempt = null;
  invoice.amount_remaining = 0;
  invoice.status_transitions.voided_at = ctx.now(invoiceClock(invoice));
  emit(ctx, 'invoice.voided', invoice);
}

export function markUncollectible(ctx: Ctx, invoice: Invoice): void {
  invoice.status = 'uncollectible';
  invoice.next_payment_attempt = null;
  invoice.status_transitions.marked_uncollectible_at = ctx.now(invoiceClock(invoice));
  emit(ctx, 'invoice.marked_uncollectible', invoice);
}
