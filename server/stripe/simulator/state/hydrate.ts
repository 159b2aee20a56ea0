import { realNow } from './context';
import type { Coupon, Invoice, Kind, KindMap, Plan, Price, Subscription } from './objects';
import type { Tx } from './tx';

/** Stripe embeds at most 10 lines in an invoice; the rest come from `invoices.listLineItems`. */
export const EMBEDDED_LINES = 10;

/**
 * Brings the embedded copies of other objects up to date before an object leaves the simulator
 * (a subscription item embeds its price, whose metadata or nickname may have changed since).
 */
export function hydrate<K extends Kind>(tx: Tx, kind: K, obj: KindMap[K]): KindMap[K] {
  if (kind === 'subscription') hydrateSubscription(tx, obj as Subscription);
  if (kind === 'invoice') hydrateInvoice(obj as Invoice);
  if (kind === 'coupon') hydrateCoupon(obj as Coupon);
  return obj;
}

function hydrateSubscription(tx: Tx, sub: Subscription): void {
  for (const item of sub.items.data) {
    const price = tx.get('price', item.price.id);
    if (!price) continue;
    item.price = price;
    item.plan = planOf(price);
  }
}

function hydrateInvoice(invoice: Invoice): void {
  const lines = invoice.lines.data;
  invoice.lines.has_more = lines.length > EMBEDDED_LINES;
  invoice.lines.data = lines.slice(0, EMBEDDED_LINES);
}

function hydrateCoupon(coupon: Coupon): void {
  coupon.valid = couponRedeemable(coupon, realNow());
}

export function couponRedeemable(coupon: Coupon, now: number): boolean {
  if (coupon.redeem_by !== null && now > coupon.redeem_by) return false;
  return coupon.max_redemptions === null || coupon.times_redeemed < coupon.max_redemptions;
}

/** The legacy Plan view of a recurring price that subscription items still carry. */
export function planOf(price: Price): Plan {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: price.recurring?.trial_period_days ?? null,
    usage_type: price.recurring?.usage_type ?? 'licensed',
  };
}
