import { attachPaymentMethod, newCardPaymentMethod, resolvePaymentMethod } from '../billing/payment-methods';
import { cardForNumber, cardForToken } from '../billing/test-cards';
import { invalidRequest, paramError, resourceMissing } from '../http/errors';
import { array, emptyable, integer, metadata, object, oneOf, parseParams, required, string } from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit, updateWithEvent } from '../state/events';
import { present } from '../state/expand';
import { listParams, paginate } from '../state/lists';
import { applyMetadata, requireObject } from '../state/lookup';
import type { PaymentMethod } from '../state/objects';

const address = object({
  city: string(),
  country: string(),
  line1: string(),
  line2: string(),
  postal_code: string(),
  state: string(),
});
const billingDetails = object({
  address: emptyable(address),
  email: emptyable(string()),
  name: emptyable(string()),
  phone: emptyable(string()),
});
const expand = array(string());

const createShape = {
  type: required(oneOf('card')),
  card: object({
    token: string(),
    number: string(),
    exp_month: integer({ min: 1, max: 12 }),
    exp_year: integer(),
    cvc: string(),
  }),
  billing_details: billingDetails,
  metadata: metadata(),
  allow_redisplay: oneOf('always', 'limited', 'unspecified'),
  expand,
};
const updateShape = {
  billing_details: billingDetails,
  card: object({ exp_month: integer({ min: 1, max: 12 }), exp_year: integer() }),
  metadata: metadata(),
  allow_redisplay: oneOf('always', 'limited', 'unspecified'),
  expand,
};
type Update = ReturnType<typeof parseParams<typeof updateShape>>;

function createPaymentMethod(ctx: Ctx, p: ReturnType<typeof parseParams<typeof createShape>>): PaymentMethod {
  if (!p.card) throw paramError('Missing required param: card.', 'card', 'parameter_missing');
  const card = p.card.token ? cardForToken(p.card.token) : p.card.number ? cardForNumber(p.card.number) : undefined;
  if (!card) {
    const param = p.card.token ? 'card[token]' : 'card[number]';
    throw invalidRequest(
      p.card.token ? `No such token: '${p.card.token}'` : 'Your card number is incorrect.',
      param,
      p.card.token ? 'resource_missing' : 'incorrect_number',
    );
  }
  const pm = newCardPaymentMethod(ctx, card, { exp_month: p.card.exp_month, exp_year: p.card.exp_year });
  applyEdits(pm, p);
  return pm;
}

function applyEdits(pm: PaymentMethod, p: Update): void {
  const details = p.billing_details;
  if (details?.address !== undefined) {
    pm.billing_details.address = {
      city: null,
      country: null,
      line1: null,
      line2: null,
      postal_code: null,
      state: null,
      ...details.address,
    };
  }
  if (details?.email !== undefined) pm.billing_details.email = details.email;
  if (details?.name !== undefined) pm.billing_details.name = details.name;
  if (details?.phone !== undefined) pm.billing_details.phone = details.phone;
  if (pm.card && p.card?.exp_month !== undefined) pm.card.exp_month = p.card.exp_month;
  if (pm.card && p.card?.exp_year !== undefined) pm.card.exp_year = p.card.exp_year;
  if (p.allow_redisplay !== undefined) pm.allow_redisplay = p.allow_redisplay;
  pm.metadata = applyMetadata(pm.metadata, p.metadata);
}

function detach(ctx: Ctx, pm: PaymentMethod): void {
  const customerId = typeof pm.customer === 'string' ? pm.customer : null;
  if (!customerId)
    throw invalidRequest(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
      'payment_method',
    );
  const customer = ctx.tx.get('customer', customerId);
  if (customer?.invoice_settings.default_payment_method === pm.id) {
    updateWithEvent(ctx, 'customer.updated', customer, () => (customer.invoice_settings.default_payment_method = null));
  }
  pm.customer = null;
  emit(ctx, 'payment_method.detached', pm, { previous: { customer: customerId } });
}

const customerListShape = { ...listParams, type: string(), allow_redisplay: oneOf('always', 'limited', 'unspecified') };

export const paymentMethodRoutes: Route[] = [
  route('POST', '/v1/payment_methods', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    return present(ctx, createPaymentMethod(ctx, p), p.expand);
  }),
  route('GET', '/v1/payment_methods', (ctx, req) => {
    const p = parseParams({ ...customerListShape, customer: string() }, req.params);
    const pms = ctx.tx.find(
      'payment_method',
      (pm) => (!p.customer || pm.customer === p.customer) && (!p.type || pm.type === p.type),
    );
    return present(ctx, paginate(pms, p, '/v1/payment_methods'), p.expand);
  }),
  route('GET', '/v1/payment_methods/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    return present(ctx, requireObject(ctx, 'payment_method', req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/payment_methods/:id', (ctx, req) => {
    const p = parseParams(updateShape, req.params);
    const pm = requireObject(ctx, 'payment_method', req.path.id ?? '');
    updateWithEvent(ctx, 'payment_method.updated', pm, () => applyEdits(pm, p));
    return present(ctx, pm, p.expand);
  }),
  route('POST', '/v1/payment_methods/:id/attach', (ctx, req) => {
    const p = parseParams({ customer: required(string()), expand }, req.params);
    const customer = requireObject(ctx, 'customer', p.customer, 'customer');
    const pm = attachPaymentMethod(ctx, resolvePaymentMethod(ctx, req.path.id ?? '', 'payment_method'), customer);
    return present(ctx, pm, p.expand);
  }),
  route('POST', '/v1/payment_methods/:id/detach', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    const pm = requireObject(ctx, 'payment_method', req.path.id ?? '');
    detach(ctx, pm);
    return present(ctx, pm, p.expand);
  }),
  route('GET', '/v1/customers/:id/payment_methods', (ctx, req) => {
    const p = parseParams(customerListShape, req.params);
    const customer = requireObject(ctx, 'customer', req.path.id ?? '');
    const pms = ctx.tx.find(
      'payment_method',
      (pm) =>
        pm.customer === customer.id &&
        (!p.type || pm.type === p.type) &&
        (!p.allow_redisplay || pm.allow_redisplay === p.allow_redisplay),
    );
    return present(ctx, paginate(pms, p, `/v1/customers/${customer.id}/payment_methods`), p.expand);
  }),
  route('GET', '/v1/customers/:customer/payment_methods/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    const pm = requireObject(ctx, 'payment_method', req.path.id ?? '');
    if (pm.customer !== req.path.customer) throw resourceMissing('PaymentMethod', pm.id);
    return present(ctx, pm, p.expand);
  }),
];
