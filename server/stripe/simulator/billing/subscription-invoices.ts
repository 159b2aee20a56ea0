import { cardError, invalidRequest } from '../http/errors';
import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import type { Invoice, Price, Subscription } from '../state/objects';
import { attemptPayment, finalizeInvoice, paymentMethodFor } from './collection';
import { addSubscriptionLine, newInvoice, sweepPendingItems } from './invoice-builder';
import { refreshTotals } from './invoice-totals';
import { lineAmount } from './money';
import { recurrenceOf } from './periods';
import type { PaymentBehavior } from './subscription-params';
import { setStatus } from './subscription-state';

type Reason = 'subscription_create' | 'subscription_cycle' | 'subscription_update';
type Period = { start: number; end: number };

interface InvoiceOptions {
  reason: Reason;
  /** The period the items are billed for, or null for an invoice of pending items only. */
  billedPeriod: Period | null;
  trial: boolean;
  /** `period_start`/`period_end` of the invoice itself (for a renewal: the period just ended). */
  invoicePeriod: Period;
  /** When the invoice is made, if not now (a renewal previewed ahead of its time). */
  at?: number;
}

/** "1 × Pro (at $15.00 / month)", as Stripe describes a subscription line. */
function itemDescription(ctx: Ctx, price: Price, quantity: number): string {
  const product = ctx.tx.get('product', String(price.product))?.name ?? String(price.product);
  const { interval, count } = recurrenceOf(price);
  const every = count > 1 ? `every ${count} ${interval}s` : interval;
  const major = Number(price.unit_amount_decimal ?? 0) / 100;
  const amount = Number.isInteger(major * 100) ? major.toFixed(2) : String(major);
  const shown = price.currency === 'usd' ? `$${amount}` : `${amount} ${price.currency.toUpperCase()}`;
  return `${quantity} × ${product} (at ${shown} / ${every})`;
}

/** A draft for a subscription: its items for the billed period, its pending items, its discounts. */
export function buildSubscriptionInvoice(ctx: Ctx, sub: Subscription, opts: InvoiceOptions): Invoice {
  const customer = ctx.tx.get('customer', String(sub.customer));
  if (!customer) throw invalidRequest(`No such customer: '${String(sub.customer)}'`, 'customer');
  const invoice = newInvoice(ctx, {
    customer,
    subscription: sub,
    billingReason: opts.reason,
    collectionMethod: sub.collection_method === 'send_invoice' ? 'send_invoice' : 'charge_automatically',
    // Stripe leaves an unpaid subscription's new invoices as drafts rather than collecting them.
    autoAdvance: sub.status !== 'unpaid',
    period: opts.invoicePeriod,
    currency: sub.currency,
    discounts: sub.discounts.map(String),
    daysUntilDue: sub.days_until_due,
    description: sub.description,
    created: opts.at,
  });
  if (opts.billedPeriod) {
    for (const item of sub.items.data) {
      const product = ctx.tx.get('product', String(item.price.product))?.name ?? String(item.price.product);
      const quantity = item.quantity ?? 1;
      addSubscriptionLine(ctx, invoice, {
        subscription: sub,
        itemId: item.id,
        price: item.price,
        quantity,
        amount: opts.trial ? 0 : lineAmount(item.price.unit_amount_decimal ?? '0', quantity),
        description: opts.trial ? `Trial period for ${product}` : itemDescription(ctx, item.price, quantity),
        period: opts.billedPeriod,
      });
    }
  }
  sweepPendingItems(ctx, invoice, sub.id);
  refreshTotals(ctx, invoice);
  consumeOnceDiscounts(ctx, sub, invoice);
  return invoice;
}

/** A `once` coupon is spent by the first invoice it takes money off. */
function consumeOnceDiscounts(ctx: Ctx, sub: Subscription, invoice: Invoice): void {
  for (const { amount, discount: id } of invoice.total_discount_amounts ?? []) {
    const discount = ctx.tx.get('discount', String(id));
    const coupon = discount ? ctx.tx.get('coupon', String(discount.source.coupon)) : undefined;
    if (!discount || coupon?.duration !== 'once' || amount <= 0) continue;
    // The invoice keeps it (its totals are recomputed at finalization); the subscription does not.
    sub.discounts = sub.discounts.filter((d) => d !== discount.id);
  }
}

/** Invoices a subscription change at once: finalized and collected according to `payment_behavior`. */
export function invoiceNow(ctx: Ctx, sub: Subscription, opts: InvoiceOptions, behavior: PaymentBehavior): Invoice {
  const invoice = buildSubscriptionInvoice(ctx, sub, opts);
  emit(ctx, 'invoice.created', invoice);
  sub.latest_invoice = invoice.id;
  if (ctx.preview) return invoice;
  finalizeInvoice(ctx, invoice);
  collect(ctx, sub, invoice, behavior);
  return invoice;
}

/**
 * Collects a subscription invoice made during a request. `error_if_incomplete` (and, here,
 * `pending_if_incomplete`) turn a failed payment into Stripe's 402 and undo the whole request.
 */
function collect(ctx: Ctx, sub: Subscription, invoice: Invoice, behavior: PaymentBehavior): void {
  if (invoice.status !== 'open' || invoice.collection_method !== 'charge_automatically') return;
  if (behavior === 'default_incomplete') {
    if (invoice.billing_reason !== 'subscription_create') setStatus(ctx, sub, 'past_due');
    return;
  }
  const pm = paymentMethodFor(ctx, invoice);
  if (!pm) {
    throw invalidRequest(
      'This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.',
      undefined,
      'resource_missing',
    );
  }
  const outcome = attemptPayment(ctx, invoice, pm);
  if (outcome.status === 'succeeded' || behavior === 'allow_incomplete') return;
  if (outcome.status === 'requires_action') {
    throw cardError(
      'authentication_required',
      'Your card was declined. This transaction requires authentication.',
      'authentication_required',
    );
  }
  throw cardError(outcome.decline.code, outcome.decline.message, outcome.decline.declineCode);
}
