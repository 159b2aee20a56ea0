import { integerAmount, normaliseDecimal } from '../billing/money';
import { invalidRequest, paramError } from '../http/errors';
import {
  array,
  boolean,
  decimal,
  emptyable,
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
import { newId } from '../state/ids';
import { listParams, paginate } from '../state/lists';
import { applyMetadata, requireObject } from '../state/lookup';
import type { Price } from '../state/objects';
import { createProduct } from './products';

const expand = array(string());
const interval = oneOf('day', 'week', 'month', 'year');
/** The money part of a price, shared with inline `price_data` on subscriptions and invoice items. */
export const priceAmountShape = {
  currency: required(string()),
  unit_amount: integer({ min: 0 }),
  unit_amount_decimal: decimal({ min: 0 }),
  tax_behavior: oneOf('inclusive', 'exclusive', 'unspecified'),
};
export const recurringShape = object({
  interval: required(interval),
  interval_count: integer({ min: 1, max: 1095 }),
  usage_type: oneOf('licensed'),
  trial_period_days: integer({ min: 0, max: 730 }),
});
const createShape = {
  ...priceAmountShape,
  active: boolean(),
  billing_scheme: oneOf('per_unit'),
  lookup_key: string({ max: 200 }),
  metadata: metadata(),
  nickname: string(),
  product: string(),
  product_data: object({
    name: required(string()),
    active: boolean(),
    metadata: metadata(),
    unit_label: string(),
    statement_descriptor: string(),
    tax_code: string(),
  }),
  recurring: recurringShape,
  transfer_lookup_key: boolean(),
  expand,
};
type Create = ReturnType<typeof parseParams<typeof createShape>>;

/** Builds (and stores) a price; `inline` prices come from `price_data` and are not announced. */
export function buildPrice(
  ctx: Ctx,
  p: Omit<Create, 'expand' | 'product_data'> & { product: string },
  inline = false,
): Price {
  if (p.unit_amount !== undefined && p.unit_amount_decimal !== undefined) {
    throw paramError(
      'You may only specify one of these parameters: unit_amount, unit_amount_decimal.',
      'unit_amount',
      'parameters_exclusive',
    );
  }
  if (p.unit_amount === undefined && p.unit_amount_decimal === undefined) {
    throw paramError('Missing required param: unit_amount.', 'unit_amount', 'parameter_missing');
  }
  const decimalAmount = normaliseDecimal(p.unit_amount_decimal ?? String(p.unit_amount));
  const r = p.recurring;
  const price: Price = {
    id: newId('price'),
    object: 'price',
    active: inline ? false : (p.active ?? true),
    billing_scheme: 'per_unit',
    created: ctx.now(null),
    currency: p.currency.toLowerCase(),
    custom_unit_amount: null,
    livemode: false,
    lookup_key: p.lookup_key ?? null,
    metadata: applyMetadata({}, p.metadata),
    nickname: p.nickname ?? null,
    product: requireObject(ctx, 'product', p.product, 'product').id,
    recurring: r
      ? {
          interval: r.interval,
          interval_count: r.interval_count ?? 1,
          meter: null,
          trial_period_days: r.trial_period_days ?? null,
          usage_type: 'licensed',
        }
      : null,
    tax_behavior: p.tax_behavior ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: r ? 'recurring' : 'one_time',
    unit_amount: integerAmount(decimalAmount),
    unit_amount_decimal: decimalAmount,
  };
  if (price.lookup_key) claimLookupKey(ctx, price.lookup_key, price.id, p.transfer_lookup_key ?? false);
  ctx.tx.insert('price', price);
  if (!inline) emit(ctx, 'price.created', price);
  return price;
}

/** Lookup keys are unique; `transfer_lookup_key` moves one from its current price, as at Stripe. */
function claimLookupKey(ctx: Ctx, key: string, priceId: string, transfer: boolean): void {
  for (const holder of ctx.tx.find('price', (x) => x.lookup_key === key && x.id !== priceId)) {
    if (!transfer) throw invalidRequest(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key');
    updateWithEvent(ctx, 'price.updated', holder, () => (holder.lookup_key = null));
  }
}

function createPrice(ctx: Ctx, p: Create): Price {
  if (p.product && p.product_data)
    throw paramError(
      'You may only specify one of these parameters: product, product_data.',
      'product',
      'parameters_exclusive',
    );
  let productId = p.product;
  if (p.product_data) productId = createProduct(ctx, p.product_data).id;
  if (!productId) throw paramError('Missing required param: product.', 'product', 'parameter_missing');
  return buildPrice(ctx, { ...p, product: productId });
}

/** Prices are immutable but for these: Stripe rejects `unit_amount` here as an unknown parameter. */
const updateShape = {
  active: boolean(),
  lookup_key: emptyable(string({ max: 200 })),
  metadata: metadata(),
  nickname: emptyable(string()),
  tax_behavior: oneOf('inclusive', 'exclusive', 'unspecified'),
  transfer_lookup_key: boolean(),
  expand,
};

const listShape = {
  ...listParams,
  active: boolean(),
  currency: string(),
  product: string(),
  type: oneOf('one_time', 'recurring'),
  lookup_keys: array(string(), { max: 10 }),
  recurring: object({ interval, usage_type: oneOf('licensed', 'metered'), meter: string() }),
  created: range(),
};

export const priceRoutes: Route[] = [
  route('POST', '/v1/prices', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    return present(ctx, createPrice(ctx, p), p.expand);
  }),
  route('GET', '/v1/prices', (ctx, req) => {
    const p = parseParams(listShape, req.params);
    const prices = ctx.tx.find(
      'price',
      (x) =>
        (p.active === undefined || x.active === p.active) &&
        (!p.currency || x.currency === p.currency) &&
        (!p.product || x.product === p.product) &&
        (!p.type || x.type === p.type) &&
        (!p.lookup_keys || (x.lookup_key !== null && p.lookup_keys.includes(x.lookup_key))) &&
        (!p.recurring?.interval || x.recurring?.interval === p.recurring.interval) &&
        inRange(x.created, p.created),
    );
    return present(ctx, paginate(prices, p, '/v1/prices'), p.expand);
  }),
  route('GET', '/v1/prices/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    return present(ctx, requireObject(ctx, 'price', req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/prices/:id', (ctx, req) => {
    const p = parseParams(updateShape, req.params);
    const price = requireObject(ctx, 'price', req.path.id ?? '');
    if (p.lookup_key) claimLookupKey(ctx, p.lookup_key, price.id, p.transfer_lookup_key ?? false);
    updateWithEvent(ctx, 'price.updated', price, () => {
      if (p.active !== undefined) price.active = p.active;
      if (p.lookup_key !== undefined) price.lookup_key = p.lookup_key;
      if (p.nickname !== undefined) price.nickname = p.nickname;
      if (p.tax_behavior !== undefined) price.tax_behavior = p.tax_behavior;
      price.metadata = applyMetadata(price.metadata, p.metadata);
    });
    return present(ctx, price, p.expand);
  }),
];
