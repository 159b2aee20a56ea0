import { couponRedeemable } from '../state/hydrate';
import { invalidRequest, paramError, resourceMissing } from '../http/errors';
import { array, integer, inRange, metadata, number, object, oneOf, parseParams, range, string } from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit, updateWithEvent } from '../state/events';
import { present } from '../state/expand';
import { newCode } from '../state/ids';
import { listParams, paginate } from '../state/lists';
import { applyMetadata } from '../state/lookup';
import type { Coupon } from '../state/objects';

const expand = array(string());
const createShape = {
  id: string(),
  amount_off: integer({ min: 1 }),
  currency: string(),
  percent_off: number({ min: 0.01, max: 100 }),
  duration: oneOf('once', 'repeating', 'forever'),
  duration_in_months: integer({ min: 1 }),
  max_redemptions: integer({ min: 1 }),
  redeem_by: integer(),
  name: string({ max: 40 }),
  metadata: metadata(),
  applies_to: object({ products: array(string()) }),
  expand,
};

/**
 * A deleted coupon stays valid on the discounts that already use it, as at Stripe, so it is kept
 * (hidden from the API) rather than removed.
 */
const deletedMark = (id: string) => `coupon-deleted:${id}`;

function findCoupon(ctx: Ctx, id: string): Coupon | undefined {
  return ctx.tx.hasMark(deletedMark(id)) ? undefined : ctx.tx.get('coupon', id);
}

function requireCoupon(ctx: Ctx, id: string, param = 'id'): Coupon {
  const coupon = findCoupon(ctx, id);
  if (!coupon) throw resourceMissing('coupon', id, param);
  return coupon;
}

/** Refuses a coupon that can no longer be redeemed (expired or used up). */
export function requireRedeemableCoupon(ctx: Ctx, id: string, param: string, now: number): Coupon {
  const coupon = requireCoupon(ctx, id, param);
  if (!couponRedeemable(coupon, now)) throw invalidRequest(`Coupon expired: ${coupon.id}`, param, 'coupon_expired');
  return coupon;
}

function createCoupon(ctx: Ctx, p: ReturnType<typeof parseParams<typeof createShape>>): Coupon {
  if ((p.amount_off === undefined) === (p.percent_off === undefined)) {
    throw paramError('Invalid coupon: you must specify exactly one of amount_off or percent_off.', 'percent_off');
  }
  if (p.amount_off !== undefined && !p.currency)
    throw paramError('You must pass currency when passing amount_off.', 'currency', 'parameter_missing');
  const duration = p.duration ?? 'once';
  if (duration === 'repeating' && p.duration_in_months === undefined) {
    throw paramError(
      'You must pass duration_in_months when duration is repeating.',
      'duration_in_months',
      'parameter_missing',
    );
  }
  if (p.id && ctx.tx.get('coupon', p.id))
    throw invalidRequest('Coupon already exists.', 'id', 'resource_already_exists');
  if (p.redeem_by !== undefined && p.redeem_by <= ctx.now(null))
    throw paramError('Invalid redeem_by: must be in the future', 'redeem_by');
  const coupon: Coupon = {
    id: p.id ?? newCode(8),
    object: 'coupon',
    amount_off: p.amount_off ?? null,
    ...(p.applies_to?.products ? { applies_to: { products: p.applies_to.products } } : {}),
    created: ctx.now(null),
    currency: p.currency?.toLowerCase() ?? null,
    duration,
    duration_in_months: duration === 'repeating' ? (p.duration_in_months ?? null) : null,
    livemode: false,
    max_redemptions: p.max_redemptions ?? null,
    metadata: applyMetadata({}, p.metadata),
    name: p.name ?? null,
    percent_off: p.percent_off ?? null,
    redeem_by: p.redeem_by ?? null,
    times_redeemed: 0,
    valid: true,
  };
  ctx.tx.insert('coupon', coupon);
  emit(ctx, 'coupon.created', coupon);
  return coupon;
}

export const couponRoutes: Route[] = [
  route('POST', '/v1/coupons', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    return present(ctx, createCoupon(ctx, p), p.expand);
  }),
  route('GET', '/v1/coupons', (ctx, req) => {
    const p = parseParams({ ...listParams, created: range() }, req.params);
    const coupons = ctx.tx.find('coupon', (c) => !ctx.tx.hasMark(deletedMark(c.id)) && inRange(c.created, p.created));
    return present(ctx, paginate(coupons, p, '/v1/coupons'), p.expand);
  }),
  route('GET', '/v1/coupons/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    return present(ctx, requireCoupon(ctx, req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/coupons/:id', (ctx, req) => {
    const p = parseParams({ name: string({ max: 40 }), metadata: metadata(), expand }, req.params);
    const coupon = requireCoupon(ctx, req.path.id ?? '');
    updateWithEvent(ctx, 'coupon.updated', coupon, () => {
      if (p.name !== undefined) coupon.name = p.name;
      coupon.metadata = applyMetadata(coupon.metadata, p.metadata);
    });
    return present(ctx, coupon, p.expand);
  }),
  route('DELETE', '/v1/coupons/:id', (ctx, req) => {
    parseParams({}, req.params);
    const coupon = requireCoupon(ctx, req.path.id ?? '');
    ctx.tx.mark(deletedMark(coupon.id));
    emit(ctx, 'coupon.deleted', coupon);
    return { id: coupon.id, object: 'coupon', deleted: true };
  }),
];
