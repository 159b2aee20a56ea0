import { attachPaymentMethod, behaviourOf, resolvePaymentMethod } from '../billing/payment-methods';
import { StripeApiError, cardError, invalidRequest } from '../http/errors';
import { array, boolean, emptyable, metadata, object, oneOf, parseParams, string } from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import { present } from '../state/expand';
import { newId, randomToken } from '../state/ids';
import { listParams, paginate } from '../state/lists';
import { applyMetadata, clockOfCustomer, requireObject } from '../state/lookup';
import type { SetupIntent } from '../state/objects';

const expand = array(string());
const createShape = {
  customer: string(),
  payment_method: string(),
  allowed_payment_method_types: array(oneOf('card')),
  /** The pre-endive name of `allowed_payment_method_types`. */
  payment_method_types: array(oneOf('card')),
  automatic_payment_methods: object({ enabled: boolean(), allow_redirects: oneOf('always', 'never') }),
  usage: oneOf('on_session', 'off_session'),
  confirm: boolean(),
  description: string(),
  metadata: metadata(),
  return_url: string(),
  expand,
};
const updateShape = {
  customer: string(),
  payment_method: string(),
  description: emptyable(string()),
  metadata: metadata(),
  expand,
};

function createSetupIntent(ctx: Ctx, p: ReturnType<typeof parseParams<typeof createShape>>): SetupIntent {
  const customer = p.customer ? requireObject(ctx, 'customer', p.customer, 'customer') : undefined;
  const id = newId('seti');
  const types = p.allowed_payment_method_types ?? p.payment_method_types ?? ['card'];
  const intent: SetupIntent = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: types,
    application: null,
    automatic_payment_methods: p.automatic_payment_methods
      ? { enabled: p.automatic_payment_methods.enabled ?? null }
      : null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${randomToken(32)}`,
    created: ctx.now(customer ? clockOfCustomer(ctx, customer.id) : null),
    customer: customer?.id ?? null,
    customer_account: null,
    description: p.description ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: applyMetadata({}, p.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: p.payment_method ? resolvePaymentMethod(ctx, p.payment_method, 'payment_method').id : null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: types,
    single_use_mandate: null,
    status: p.payment_method ? 'requires_confirmation' : 'requires_payment_method',
    usage: p.usage ?? 'off_session',
  };
  ctx.tx.insert('setup_intent', intent);
  emit(ctx, 'setup_intent.created', intent);
  if (p.confirm) confirm(ctx, intent, undefined);
  return intent;
}

/**
 * Confirms with the test card's behaviour: most cards succeed and are attached to the customer;
 * 3-D Secure cards stop at `requires_action`; declining cards fail with a 402, the failure recorded.
 */
function confirm(ctx: Ctx, intent: SetupIntent, paymentMethod: string | undefined): void {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(intent.status)) {
    throw invalidRequest(
      `You cannot confirm this SetupIntent because it has a status of ${intent.status}.`,
      undefined,
      'setup_intent_unexpected_state',
    );
  }
  const pmId = paymentMethod ?? (typeof intent.payment_method === 'string' ? intent.payment_method : undefined);
  if (!pmId)
    throw invalidRequest(
      'You must provide a payment_method to confirm this SetupIntent.',
      'payment_method',
      'parameter_missing',
    );
  const pm = resolvePaymentMethod(ctx, pmId, 'payment_method');
  intent.payment_method = pm.id;
  const card = behaviourOf(pm);
  const decline = card.attachDecline;
  if (decline) {
    intent.status = 'requires_payment_method';
    intent.last_setup_error = {
      type: 'card_error',
      code: decline.code,
      decline_code: decline.declineCode,
      message: decline.message,
    };
    intent.payment_method = null;
    emit(ctx, 'setup_intent.setup_failed', intent);
    throw cardError(decline.code, decline.message, decline.declineCode, { commit: true });
  }
  if (card.charge === 'requires_action') {
    intent.status = 'requires_action';
    intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: {} };
    emit(ctx, 'setup_intent.requires_action', intent);
    return;
  }
  const customerId = typeof intent.customer === 'string' ? intent.customer : null;
  if (customerId) attachPaymentMethod(ctx, pm, requireObject(ctx, 'customer', customerId, 'customer'));
  intent.status = 'succeeded';
  intent.last_setup_error = null;
  intent.next_action = null;
  emit(ctx, 'setup_intent.succeeded', intent);
}

export const setupIntentRoutes: Route[] = [
  route('POST', '/v1/setup_intents', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    return present(ctx, createSetupIntent(ctx, p), p.expand);
  }),
  route('GET', '/v1/setup_intents', (ctx, req) => {
    const p = parseParams({ ...listParams, customer: string(), payment_method: string() }, req.params);
    const intents = ctx.tx.find(
      'setup_intent',
      (s) => (!p.customer || s.customer === p.customer) && (!p.payment_method || s.payment_method === p.payment_method),
    );
    return present(ctx, paginate(intents, p, '/v1/setup_intents'), p.expand);
  }),
  route('GET', '/v1/setup_intents/:id', (ctx, req) => {
    const p = parseParams({ expand, client_secret: string() }, req.params);
    return present(ctx, requireObject(ctx, 'setup_intent', req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/setup_intents/:id', (ctx, req) => {
    const p = parseParams(updateShape, req.params);
    const intent = requireObject(ctx, 'setup_intent', req.path.id ?? '');
    if (p.customer) intent.customer = requireObject(ctx, 'customer', p.customer, 'customer').id;
    if (p.payment_method) intent.payment_method = resolvePaymentMethod(ctx, p.payment_method, 'payment_method').id;
    if (p.description !== undefined) intent.description = p.description;
    intent.metadata = applyMetadata(intent.metadata, p.metadata);
    return present(ctx, intent, p.expand);
  }),
  route('POST', '/v1/setup_intents/:id/confirm', (ctx, req) => {
    const p = parseParams({ payment_method: string(), return_url: string(), expand }, req.params);
    const intent = requireObject(ctx, 'setup_intent', req.path.id ?? '');
    try {
      confirm(ctx, intent, p.payment_method);
    } catch (error) {
      // Stripe's card errors on confirm carry the intent, so a client can show what failed.
      if (error instanceof StripeApiError && error.status === 402)
        Object.assign(error.body, { setup_intent: present(ctx, intent) });
      throw error;
    }
    return present(ctx, intent, p.expand);
  }),
  route('POST', '/v1/setup_intents/:id/cancel', (ctx, req) => {
    const p = parseParams(
      { cancellation_reason: oneOf('abandoned', 'duplicate', 'requested_by_customer'), expand },
      req.params,
    );
    const intent = requireObject(ctx, 'setup_intent', req.path.id ?? '');
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw invalidRequest(
        `You cannot cancel this SetupIntent because it has a status of ${intent.status}.`,
        undefined,
        'setup_intent_unexpected_state',
      );
    }
    intent.status = 'canceled';
    intent.cancellation_reason = p.cancellation_reason ?? null;
    emit(ctx, 'setup_intent.canceled', intent);
    return present(ctx, intent, p.expand);
  }),
];
