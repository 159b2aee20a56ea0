import { invalidRequest, paramError } from '../http/errors';
import { object, string } from '../http/params';
import type { Ctx } from '../state/context';
import { newId } from '../state/ids';
import { requireObject } from '../state/lookup';
import type { Coupon, Customer, Discount } from '../state/objects';
import { requireRedeemableCoupon } from '../resources/coupons';
import { money } from '../http/hosted-invoice';
import { shift } from './periods';

export const discountParam = object({ coupon: string(), promotion_code: string(), discount: string() });
export interface DiscountParam {
  coupon?: string;
  promotion_code?: string;
  discount?: string;
}

interface Redemption {
  customer: Customer;
  subscription: string | null;
  at: number;
  /** The first invoice's amount, for a promotion code's `minimum_amount`. */
  amount: number;
  currency: string;
}

/**
 * Turns `discounts[i][coupon|promotion_code|discount]` into Discount objects, enforcing what Stripe
 * enforces on redemption (validity, `max_redemptions`, expiry, promotion code restrictions) and
 * counting the redemption on the coupon and the code.
 */
export function redeemDiscounts(ctx: Ctx, params: DiscountParam[], r: Redemption, param = 'discounts'): string[] {
  const seen = new Set<string>();
  return params.map((d, i) => {
    const at = `${param}[${i}]`;
    const given = [d.coupon, d.promotion_code, d.discount].filter((v) => v !== undefined);
    if (given.length !== 1) throw paramError('You must specify exactly one of coupon, promotion_code or discount.', at);
    if (d.discount) {
      const existing = requireObject(ctx, 'discount', d.discount, `${at}[discount]`);
      return existing.id;
    }
    const promo = d.promotion_code ? checkPromotionCode(ctx, d.promotion_code, r, `${at}[promotion_code]`) : undefined;
    const couponId = promo ? String(promo.promotion.coupon) : (d.coupon ?? '');
    const coupon = requireRedeemableCoupon(ctx, couponId, d.coupon ? `${at}[coupon]` : `${at}[promotion_code]`, r.at);
    if (seen.has(coupon.id)) throw invalidRequest(`The coupon ${coupon.id} is applied more than once.`, at);
    seen.add(coupon.id);
    coupon.times_redeemed += 1;
    if (promo) promo.times_redeemed += 1;
    return newDiscount(ctx, coupon, r, promo?.id ?? null).id;
  });
}

function checkPromotionCode(ctx: Ctx, id: string, r: Redemption, param: string) {
  const promo = requireObject(ctx, 'promotion_code', id, param);
  const refuse = (why: string) => invalidRequest(`This promotion code cannot be redeemed: ${why}.`, param);
  if (!promo.active) throw refuse('it is inactive');
  if (promo.expires_at !== null && r.at > promo.expires_at) throw refuse('it has expired');
  if (promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions)
    throw refuse('it has reached its maximum number of redemptions');
  if (promo.customer !== null && promo.customer !== r.customer.id) throw refuse('it is restricted to another customer');
  const { first_time_transaction, minimum_amount, minimum_amount_currency } = promo.restrictions;
  if (first_time_transaction && hasPriorTransactions(ctx, r.customer.id))
    throw refuse('the customer has prior transactions');
  if (minimum_amount !== null && (minimum_amount_currency !== r.currency || r.amount < minimum_amount)) {
    throw refuse(
      `the order amount is below the minimum of ${money(minimum_amount, minimum_amount_currency ?? r.currency)}`,
    );
  }
  return promo;
}

function hasPriorTransactions(ctx: Ctx, customerId: string): boolean {
  return ctx.tx.find('invoice', (inv) => inv.customer === customerId && inv.amount_paid > 0).length > 0;
}

function newDiscount(ctx: Ctx, coupon: Coupon, r: Redemption, promotionCode: string | null): Discount {
  const end =
    coupon.duration === 'repeating' && coupon.duration_in_months
      ? shift(r.at, { interval: 'month', count: 1 }, coupon.duration_in_months)
      : null;
  return ctx.tx.insert('discount', {
    id: newId('di'),
    object: 'discount',
    checkout_session: null,
    customer: r.customer.id,
    customer_account: null,
    end,
    invoice: null,
    invoice_item: null,
    promotion_code: promotionCode,
    source: { type: 'coupon', coupon: coupon.id },
    start: r.at,
    subscription: r.subscription,
    subscription_item: null,
  });
}

export interface ActiveDiscount {
  discount: Discount;
  coupon: Coupon;
}

/** The discounts among `ids` still in force at `at` (a repeating coupon's months may be over). */
export function activeDiscounts(ctx: Ctx, ids: readonly string[], at: number): ActiveDiscount[] {
  const out: ActiveDiscount[] = [];
  for (const id of ids) {
    const discount = ctx.tx.get('discount', id);
    const coupon = discount ? ctx.tx.get('coupon', String(discount.source.coupon)) : undefined;
    if (discount && coupon && (discount.end === null || at < discount.end)) out.push({ discount, coupon });
  }
  return out;
}
