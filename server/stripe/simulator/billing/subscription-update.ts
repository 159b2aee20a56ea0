import { invalidRequest, resourceMissing } from '../http/errors';
import type { Ctx } from '../state/context';
import { planOf } from '../state/hydrate';
import { applyMetadata, requireObject } from '../state/lookup';
import type { Customer, Invoice, Subscription } from '../state/objects';
import { redeemDiscounts } from './discounts';
import { requireAttached } from './payment-methods';
import { nextBoundary, sameRecurrence } from './periods';
import { createProrations, type ItemChange, type ItemState } from './proration';
import { checkItems } from './subscription-create';
import { addInvoiceItems, newSubscriptionItem, refuseAutomaticTax, resolveItemPrice } from './subscription-items';
import { invoiceNow } from './subscription-invoices';
import type { ItemUpdate, UpdateParams } from './subscription-params';
import { ENDED, changeSubscription, currentPeriod, recurrenceOfSubscription, setPeriod } from './subscription-state';

const ENDED_EDITABLE = new Set(['metadata', 'cancellation_details', 'expand']);

/**
 * `subscriptions.update`, announced by one `customer.subscription.updated`. Returns the invoice the
 * change made at once (`always_invoice`, a new billing interval, a trial ended now), if any.
 */
export function updateSubscription(ctx: Ctx, sub: Subscription, p: UpdateParams): Invoice | null {
  if (ENDED.includes(sub.status)) {
    const other = Object.keys(p).find((key) => p[key as keyof UpdateParams] !== undefined && !ENDED_EDITABLE.has(key));
    if (other)
      throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.', other);
  }
  refuseAutomaticTax(p);
  const customer = requireObject(ctx, 'customer', String(sub.customer), 'customer');
  const now = ctx.now(typeof sub.test_clock === 'string' ? sub.test_clock : null);
  let invoice: Invoice | null = null;
  changeSubscription(ctx, sub, () => {
    applySettings(ctx, sub, customer, p, now);
    if (p.add_invoice_items) addInvoiceItems(ctx, sub, p.add_invoice_items, now);
    invoice = applyPlanChange(ctx, sub, p, now);
  });
  return invoice;
}

function applySettings(ctx: Ctx, sub: Subscription, customer: Customer, p: UpdateParams, now: number): void {
  sub.metadata = applyMetadata(sub.metadata, p.metadata);
  if (p.description !== undefined) sub.description = p.description;
  if (p.collection_method !== undefined) sub.collection_method = p.collection_method;
  if (p.days_until_due !== undefined) sub.days_until_due = p.days_until_due;
  if (p.pause_collection !== undefined)
    sub.pause_collection = p.pause_collection && {
      behavior: p.pause_collection.behavior,
      resumes_at: p.pause_collection.resumes_at ?? null,
    };
  if (p.trial_settings)
    sub.trial_settings = { end_behavior: { billing_cycle_anchor: null, ...p.trial_settings.end_behavior } };
  if (p.payment_settings?.save_default_payment_method && sub.payment_settings) {
    sub.payment_settings.save_default_payment_method = p.payment_settings.save_default_payment_method;
  }
  if (p.default_payment_method !== undefined) {
    sub.default_payment_method =
      p.default_payment_method === null
        ? null
        : requireAttached(ctx, p.default_payment_method, customer, 'default_payment_method').id;
  }
  if (p.cancellation_details) {
    sub.cancellation_details = {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: null,
      ...sub.cancellation_details,
      ...p.cancellation_details,
    } as Subscription['cancellation_details'];
  }
  if (p.discounts !== undefined) {
    sub.discounts =
      p.discounts === null
        ? []
        : redeemDiscounts(ctx, p.discounts, {
            customer,
            subscription: sub.id,
            at: now,
            amount: Number.MAX_SAFE_INTEGER,
            currency: sub.currency,
          });
  }
  applyCancellation(sub, p, now);
}

/** `cancel_at_period_end` / `cancel_at`: a pending cancellation, or its withdrawal (a resume). */
function applyCancellation(sub: Subscription, p: UpdateParams, now: number): void {
  if (p.cancel_at_period_end === undefined && p.cancel_at === undefined) return;
  if (typeof sub.schedule === 'string') {
    throw invalidRequest(
      `The subscription is managed by the subscription schedule \`${sub.schedule}\`, and updating any cancelation behavior directly is not allowed. Please update the schedule instead.`,
      p.cancel_at_period_end !== undefined ? 'cancel_at_period_end' : 'cancel_at',
    );
  }
  const end = currentPeriod(sub).end;
  const cancelAt = p.cancel_at !== undefined ? p.cancel_at : p.cancel_at_period_end ? end : null;
  sub.cancel_at = cancelAt;
  sub.cancel_at_period_end = cancelAt !== null && cancelAt === end;
  sub.canceled_at = cancelAt === null ? null : now;
  if (cancelAt === null && sub.cancellation_details) sub.cancellation_details.reason = null;
}

function applyPlanChange(ctx: Ctx, sub: Subscription, p: UpdateParams, now: number): Invoice | null {
  const period = currentPeriod(sub);
  const at = p.proration_date ?? now;
  if (at < period.start || at > period.end)
    throw invalidRequest('The proration_date must be within the current billing period.', 'proration_date');
  const behavior = p.proration_behavior ?? 'create_prorations';
  const payment = p.payment_behavior ?? 'allow_incomplete';
  const oldRecurrence = recurrenceOfSubscription(sub);
  const before = sub.items.data.map(stateOf);
  const changes = p.items ? applyItemUpdates(ctx, sub, p.items, period, now) : [];
  const update = { reason: 'subscription_update' as const, trial: false, invoicePeriod: { start: now, end: now } };

  if (p.trial_end !== undefined) return changeTrial(ctx, sub, p.trial_end, now, payment);
  if (sub.status === 'trialing') return null; // changes during a trial are not prorated
  const newRecurrence = recurrenceOfSubscription(sub);
  if (!sameRecurrence(oldRecurrence, newRecurrence) || p.billing_cycle_anchor === 'now') {
    // A new interval restarts the cycle now: unused time is credited, the new period billed in full.
    if (behavior !== 'none')
      createProrations(
        ctx,
        sub,
        before.map((state) => ({ before: state })),
        now,
      );
    const billed = { start: now, end: nextBoundary(now, newRecurrence, now) };
    sub.billing_cycle_anchor = now;
    setPeriod(sub, billed);
    return invoiceNow(ctx, sub, { ...update, billedPeriod: billed }, payment);
  }
  if (changes.length === 0 || behavior === 'none') return null;
  createProrations(ctx, sub, changes, at);
  return behavior === 'always_invoice' ? invoiceNow(ctx, sub, { ...update, billedPeriod: null }, payment) : null;
}

function stateOf(item: Subscription['items']['data'][number]): ItemState {
  return { itemId: item.id, price: item.price, quantity: item.quantity ?? 1 };
}

/** Applies `items[i]` edits in place (same item ids when a price changes, as at Stripe). */
function applyItemUpdates(
  ctx: Ctx,
  sub: Subscription,
  inputs: ItemUpdate[],
  period: { start: number; end: number },
  now: number,
): ItemChange[] {
  const changes: ItemChange[] = [];
  inputs.forEach((input, i) => {
    const param = `items[${i}]`;
    const item = input.id ? sub.items.data.find((x) => x.id === input.id) : undefined;
    if (input.id && !item) throw resourceMissing('subscription item', input.id, `${param}[id]`);
    if (!item) {
      const price = resolveItemPrice(ctx, input, param);
      const added = newSubscriptionItem(sub.id, price, input.quantity ?? 1, input.metadata, period, now);
      sub.items.data.push(added);
      changes.push({ after: stateOf(added) });
      return;
    }
    const before = stateOf(item);
    if (input.deleted) {
      sub.items.data = sub.items.data.filter((x) => x.id !== item.id);
      changes.push({ before });
      return;
    }
    const price = input.price || input.price_data ? resolveItemPrice(ctx, input, param) : item.price;
    const quantity = input.quantity ?? before.quantity;
    if (price.id !== before.price.id || quantity !== before.quantity) {
      item.price = price;
      item.plan = planOf(price);
      item.quantity = quantity;
      changes.push({ before, after: stateOf(item) });
    }
    if (input.metadata !== undefined) item.metadata = applyMetadata(item.metadata, input.metadata);
  });
  if (sub.items.data.length === 0) throw invalidRequest('A subscription must have at least one item.', 'items');
  const first = checkItems(sub.items.data.map((item) => item.price));
  if (first.currency !== sub.currency)
    throw invalidRequest(`The price's currency must be ${sub.currency}, the subscription's currency.`, 'items');
  return changes;
}

/** `trial_end=now` ends a trial and bills the first period; a timestamp sets (or extends) the trial. */
function changeTrial(
  ctx: Ctx,
  sub: Subscription,
  trialEnd: number | 'now',
  now: number,
  payment: NonNullable<UpdateParams['payment_behavior']>,
): Invoice | null {
  const recurrence = recurrenceOfSubscription(sub);
  if (trialEnd === 'now') {
    if (sub.status !== 'trialing') return null;
    const billed = { start: now, end: nextBoundary(now, recurrence, now) };
    Object.assign(sub, { status: 'active', trial_end: now, billing_cycle_anchor: now });
    setPeriod(sub, billed);
    return invoiceNow(
      ctx,
      sub,
      { reason: 'subscription_update', billedPeriod: billed, trial: false, invoicePeriod: { start: now, end: now } },
      payment,
    );
  }
  if (trialEnd <= now)
    throw invalidRequest('Invalid timestamp: must be an integer Unix timestamp in the future.', 'trial_end');
  Object.assign(sub, {
    status: 'trialing',
    trial_end: trialEnd,
    trial_start: sub.trial_start ?? now,
    billing_cycle_anchor: trialEnd,
  });
  setPeriod(sub, { start: currentPeriod(sub).start, end: trialEnd });
  return null;
}
