import { invalidRequest, paramError } from '../http/errors';
import {
  array,
  boolean,
  inRange,
  integer,
  metadata,
  object,
  oneOf,
  parseParams,
  range,
  required,
  string,
} from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit, updateWithEvent } from '../state/events';
import { present } from '../state/expand';
import { newCode, newId } from '../state/ids';
import { listParams, paginate } from '../state/lists';
import { applyMetadata, requireObject } from '../state/lookup';
import type { PromotionCode } from '../state/objects';
import { requireRedeemableCoupon } from './coupons';

const expand = array(string());
const createShape = {
  promotion: object({ type: required(oneOf('coupon')), coupon: required(string()) }),
  /** Before clover the coupon was a top-level parameter; stripe-cli's trigger still sends it. */
  coupon: string(),
  code: string({ max: 500 }),
  active: boolean(),
  customer: string(),
  expires_at: integer(),
  max_redemptions: integer({ min: 1 }),
  restrictions: object({
    first_time_transaction: boolean(),
    minimum_amount: integer({ min: 1 }),
    minimum_amount_currency: string(),
  }),
  metadata: metadata(),
  expand,
};

function createPromotionCode(ctx: Ctx, p: ReturnType<typeof parseParams<typeof createShape>>): PromotionCode {
  const couponId = p.promotion?.coupon ?? p.coupon;
  if (!couponId) throw paramError('Missing required param: promotion.', 'promotion', 'parameter_missing');
  const now = ctx.now(null);
  const coupon = requireRedeemableCoupon(ctx, couponId, p.promotion ? 'promotion[coupon]' : 'coupon', now);
  const code = p.code ?? newCode(8);
  if (!/^[a-zA-Z0-9_-]+$/.test(code))
    throw paramError('Invalid code: use letters, digits, dashes and underscores only', 'code');
  assertCodeFree(ctx, code, undefined);
  if (p.restrictions?.minimum_amount !== undefined && !p.restrictions.minimum_amount_currency) {
    throw paramError(
      'You must pass minimum_amount_currency when passing minimum_amount.',
      'restrictions[minimum_amount_currency]',
      'parameter_missing',
    );
  }
  if (p.expires_at !== undefined && p.expires_at <= now)
    throw paramError('Invalid expires_at: must be in the future', 'expires_at');
  const promo: PromotionCode = {
    id: newId('promo'),
    object: 'promotion_code',
    active: p.active ?? true,
    code,
    created: now,
    customer: p.customer ? requireObject(ctx, 'customer', p.customer, 'customer').id : null,
    customer_account: null,
    expires_at: p.expires_at ?? null,
    livemode: false,
    max_redemptions: p.max_redemptions ?? null,
    metadata: applyMetadata({}, p.metadata),
    promotion: { type: 'coupon', coupon: coupon.id },
    restrictions: {
      first_time_transaction: p.restrictions?.first_time_transaction ?? false,
      minimum_amount: p.restrictions?.minimum_amount ?? null,
      minimum_amount_currency: p.restrictions?.minimum_amount_currency?.toLowerCase() ?? null,
    },
    times_redeemed: 0,
  };
  ctx.tx.insert('promotion_code', promo);
  emit(ctx, 'promotion_code.created', promo);
  return promo;
}

/** Codes are unique among active promotion codes, ignoring case. */
function assertCodeFree(ctx: Ctx, code: string, exceptId: string | undefined): void {
  const taken = ctx.tx.find(
    'promotion_code',
    (x) => x.active && x.id !== exceptId && x.code.toLowerCase() === code.toLowerCase(),
  );
  if (taken.length) throw invalidRequest(`An active promotion code with \`code: ${code}\` already exists.`, 'code');
}

const listShape = {
  ...listParams,
  active: boolean(),
  code: string(),
  coupon: string(),
  customer: string(),
  created: range(),
};

export const promotionCodeRoutes: Route[] = [
  route('POST', '/v1/promotion_codes', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    return present(ctx, createPromotionCode(ctx, p), p.expand);
  }),
  route('GET', '/v1/promotion_codes', (ctx, req) => {
    const p = parseParams(listShape, req.params);
    const codes = ctx.tx.find(
      'promotion_code',
      (x) =>
        (p.active === undefined || x.active === p.active) &&
        (!p.code || x.code === p.code) &&
        (!p.coupon || x.promotion.coupon === p.coupon) &&
        (!p.customer || x.customer === p.customer) &&
        inRange(x.created, p.created),
    );
    return present(ctx, paginate(codes, p, '/v1/promotion_codes'), p.expand);
  }),
  route('GET', '/v1/promotion_codes/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    return present(ctx, requireObject(ctx, 'promotion_code', req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/promotion_codes/:id', (ctx, req) => {
    const p = parseParams({ active: boolean(), metadata: metadata(), expand }, req.params);
    const promo = requireObject(ctx, 'promotion_code', req.path.id ?? '');
    if (p.active && !promo.active) assertCodeFree(ctx, promo.code, promo.id);
    updateWithEvent(ctx, 'promotion_code.updated', promo, () => {
      if (p.active !== undefined) promo.active = p.active;
      promo.metadata = applyMetadata(promo.metadata, p.metadata);
    });
    return present(ctx, promo, p.expand);
  }),
];
