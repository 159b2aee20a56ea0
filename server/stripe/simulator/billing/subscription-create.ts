import { invalidRequest, paramError } from '../http/errors';
import type { Ctx } from '../state/context';
import { emit, updateWithEvent } from '../state/events';
import { newId } from '../state/ids';
import { applyMetadata, requireObject } from '../state/lookup';
import type { Customer, Price, Subscription, SubscriptionItem } from '../state/objects';
import { redeemDiscounts } from './discounts';
import { lineAmount } from './money';
import { requireAttached } from './payment-methods';
import { nextBoundary, recurrenceOf, sameRecurrence } from './periods';
import { addInvoiceItems, newSubscriptionItem, refuseAutomaticTax, resolveItemPrice } from './subscription-items';
import { invoiceNow } from './subscription-invoices';
import type { CreateParams } from './subscription-params';
import { noteTrialWillEnd } from './trials';

const MAX_TRIAL_DAYS = 730;

/**
 * `subscriptions.create`: the first invoice is made, finalized and collected in the request. A
 * trial makes it $0 (paid at once); a declined card leaves the subscription `incomplete`, unless
 * `error_if_incomplete` asks for Stripe's 402 and nothing left behind.
 */
export function createSubscription(ctx: Ctx, p: CreateParams): Subscription {
  refuseAutomaticTax(p);
  const customer = requireObject(ctx, 'customer', p.customer, 'customer');
  const clock = typeof customer.test_clock === 'string' ? customer.test_clock : null;
  const now = ctx.now(clock);
  const prices = p.items.map((item, i) => resolveItemPrice(ctx, item, `items[${i}]`));
  const first = checkItems(prices);
  const trialEnd = trialEndOf(p, prices, now);
  const end = trialEnd ?? nextBoundary(now, recurrenceOf(first), now);
  const id = newId('sub');
  const items: SubscriptionItem[] = p.items.map((input, i) =>
    newSubscriptionItem(id, prices[i] as Price, input.quantity ?? 1, input.metadata, { start: now, end }, now),
  );
  const sub = ctx.tx.insert('subscription', newSubscription(p, customer, id, items, { now, end, trialEnd }));
  // Everything below is part of the creation: one `customer.subscription.created`, first, in the final state.
  ctx.announcing.add(sub.id);
  const announce = ctx.tx.events.length;

  if (p.default_payment_method) {
    sub.default_payment_method = requireAttached(ctx, p.default_payment_method, customer, 'default_payment_method').id;
  }
  if (p.discounts) {
    const amount = trialEnd
      ? 0
      : items.reduce((sum, it) => sum + lineAmount(it.price.unit_amount_decimal ?? '0', it.quantity ?? 1), 0);
    sub.discounts = redeemDiscounts(ctx, p.discounts, {
      customer,
      subscription: sub.id,
      at: now,
      amount,
      currency: sub.currency,
    });
  }
  // A customer's first subscription fixes its currency, which Stripe announces.
  if (!customer.currency) updateWithEvent(ctx, 'customer.updated', customer, () => (customer.currency = sub.currency));
  if (p.add_invoice_items) addInvoiceItems(ctx, sub, p.add_invoice_items, now);
  const invoicePeriod = { start: now, end: now };
  invoiceNow(
    ctx,
    sub,
    { reason: 'subscription_create', billedPeriod: { start: now, end }, trial: trialEnd !== null, invoicePeriod },
    p.payment_behavior ?? 'allow_incomplete',
  );
  // A subscription billed by sent invoices is active at once; its invoice is paid by its due date.
  if (sub.status === 'incomplete' && sub.collection_method === 'send_invoice') sub.status = 'active';
  if (trialEnd !== null) noteTrialWillEnd(ctx, sub, now);
  emit(ctx, 'customer.subscription.created', sub, { position: announce });
  return sub;
}

/** All items share a currency and a billing interval (classic billing mode). */
export function checkItems(prices: Price[]): Price {
  const [first] = prices;
  if (!first) throw paramError('Missing required param: items.', 'items', 'parameter_missing');
  prices.forEach((price, i) => {
    if (price.currency !== first.currency) {
      throw invalidRequest('All prices on a subscription must have the same currency.', `items[${i}][price]`);
    }
    if (!sameRecurrence(recurrenceOf(price), recurrenceOf(first))) {
      throw invalidRequest(
        'All prices on a subscription must have the same recurring interval and interval_count.',
        `items[${i}][price]`,
      );
    }
    if (prices.findIndex((other) => other.id === price.id) !== i) {
      throw invalidRequest(
        `Cannot add multiple subscription items with the same price: ${price.id}`,
        `items[${i}][price]`,
      );
    }
  });
  return first;
}

function trialEndOf(p: CreateParams, prices: Price[], now: number): number | null {
  if (p.trial_end === 'now') return null;
  if (typeof p.trial_end === 'number') {
    if (p.trial_end <= now)
      throw invalidRequest('Invalid timestamp: must be an integer Unix timestamp in the future.', 'trial_end');
    if (p.trial_end > now + MAX_TRIAL_DAYS * 86_400)
      throw invalidRequest('Trial end can be no more than 730 days in the future.', 'trial_end');
    return p.trial_end;
  }
  const days = p.trial_period_days ?? (p.trial_from_plan ? prices[0]?.recurring?.trial_period_days : undefined);
  return days ? now + days * 86_400 : null;
}

function newSubscription(
  p: CreateParams,
  customer: Customer,
  id: string,
  items: SubscriptionItem[],
  times: { now: number; end: number; trialEnd: number | null },
): Subscription {
  const { now, end, trialEnd } = times;
  return {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: trialEnd ?? now,
    billing_cycle_anchor_config: null,
    billing_mode:
      p.billing_mode?.type === 'flexible'
        ? { type: 'flexible', flexible: { proration_discounts: 'included' }, updated_at: now }
        : { type: 'classic', flexible: null },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: p.cancel_at ?? (p.cancel_at_period_end ? end : null),
    cancel_at_period_end: p.cancel_at_period_end ?? p.cancel_at === end,
    canceled_at: p.cancel_at_period_end || p.cancel_at !== undefined ? now : null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: p.collection_method ?? 'charge_automatically',
    created: now,
    currency: items[0]?.price.currency ?? 'usd',
    customer: customer.id,
    customer_account: null,
    days_until_due: p.collection_method === 'send_invoice' ? (p.days_until_due ?? 30) : null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: p.description ?? null,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: 'self' },
    },
    items: { object: 'list', data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: { enabled: false },
    metadata: applyMetadata({}, p.metadata),
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: p.payment_settings?.save_default_payment_method ?? 'off',
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: trialEnd ? 'trialing' : 'incomplete',
    test_clock: customer.test_clock ?? null,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: {
      end_behavior: {
        billing_cycle_anchor: null,
        missing_payment_method: p.trial_settings?.end_behavior.missing_payment_method ?? 'create_invoice',
      },
    },
    trial_start: trialEnd ? now : null,
  };
}
