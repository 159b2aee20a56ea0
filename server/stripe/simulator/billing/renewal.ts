import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import type { Invoice, Subscription } from '../state/objects';
import {
  attemptPayment,
  finalizeInvoice,
  markUncollectible,
  paymentMethodFor,
  subscriptionOf,
  voidInvoice,
} from './collection';
import { nextBoundary } from './periods';
import { advanceSchedule } from './schedules';
import { buildSubscriptionInvoice } from './subscription-invoices';
import {
  ENDED,
  changeSubscription,
  currentPeriod,
  endSubscription,
  recurrenceOfSubscription,
  setPeriod,
} from './subscription-state';

/** Stripe finalizes a renewal draft about an hour after making it, leaving webhooks time to add to it. */
export const FINALIZE_DELAY_SECONDS = 3600;

/**
 * The end of a subscription's period at `at`: a pending cancellation takes effect, a trial ends, a
 * schedule moves to its next phase, and the next period starts with a draft invoice
 * (`invoice.created`) that finalizes an hour later. Returns that draft, if one was made.
 */
export function renewSubscription(ctx: Ctx, sub: Subscription, at: number): Invoice | null {
  if (sub.cancel_at !== null && sub.cancel_at <= at) {
    endSubscription(ctx, sub, at, 'cancellation_requested');
    return null;
  }
  const trialEnding = sub.status === 'trialing' && sub.trial_end !== null && sub.trial_end <= at;
  if (trialEnding && !hasPaymentMethod(ctx, sub) && missingPaymentMethodEndsTrial(ctx, sub, at)) return null;
  const ended = currentPeriod(sub);
  let invoice: Invoice | null = null;
  changeSubscription(ctx, sub, () => {
    advanceSchedule(ctx, sub, at);
    if (trialEnding) sub.status = 'active';
    const billed = { start: at, end: nextBoundary(sub.billing_cycle_anchor, recurrenceOfSubscription(sub), at) };
    setPeriod(sub, billed);
    invoice = buildSubscriptionInvoice(ctx, sub, {
      reason: 'subscription_cycle',
      billedPeriod: billed,
      trial: false,
      invoicePeriod: ended,
      at,
    });
    if (invoice.auto_advance && sub.pause_collection?.behavior !== 'keep_as_draft') {
      invoice.automatically_finalizes_at = at + FINALIZE_DELAY_SECONDS;
    } else {
      invoice.auto_advance = false;
    }
    sub.latest_invoice = invoice.id;
  });
  if (invoice) emit(ctx, 'invoice.created', invoice);
  return invoice;
}

function hasPaymentMethod(ctx: Ctx, sub: Subscription): boolean {
  const customer = ctx.tx.get('customer', String(sub.customer));
  return sub.default_payment_method !== null || Boolean(customer?.invoice_settings.default_payment_method);
}

/** `trial_settings.end_behavior.missing_payment_method`: cancel or pause instead of invoicing. */
function missingPaymentMethodEndsTrial(ctx: Ctx, sub: Subscription, at: number): boolean {
  const behavior = sub.trial_settings?.end_behavior.missing_payment_method;
  if (behavior === 'cancel') {
    endSubscription(ctx, sub, at, 'cancellation_requested');
    return true;
  }
  if (behavior === 'pause') {
    changeSubscription(ctx, sub, () => (sub.status = 'paused'));
    emit(ctx, 'customer.subscription.paused', sub);
    return true;
  }
  return false;
}

/** The finalization an hour after a renewal draft, then collection (or what `pause_collection` says). */
export function finalizeAndCollect(ctx: Ctx, invoice: Invoice): void {
  finalizeInvoice(ctx, invoice);
  if (invoice.status !== 'open') return;
  const pause = subscriptionOf(ctx, invoice)?.pause_collection?.behavior;
  if (pause === 'void') return voidInvoice(ctx, invoice);
  if (pause === 'mark_uncollectible') return markUncollectible(ctx, invoice);
  if (invoice.collection_method === 'charge_automatically' && invoice.auto_advance)
    attemptPayment(ctx, invoice, paymentMethodFor(ctx, invoice));
}

/** A first invoice unpaid after 23 hours: the subscription expires and the invoice is voided. */
export function expireIncomplete(ctx: Ctx, sub: Subscription, at: number): void {
  const latest = typeof sub.latest_invoice === 'string' ? ctx.tx.get('invoice', sub.latest_invoice) : undefined;
  if (latest?.status === 'open') voidInvoice(ctx, latest);
  if (ENDED.includes(sub.status)) return;
  changeSubscription(ctx, sub, () => {
    sub.status = 'incomplete_expired';
    sub.ended_at = at;
    sub.canceled_at = at;
  });
}
