import { cancelNow } from '../billing/subscription-cancel';
import { createSubscription } from '../billing/subscription-create';
import { invoiceNow } from '../billing/subscription-invoices';
import { createShape, updateShape } from '../billing/subscription-params';
import { changeSubscription, currentPeriod, setPeriod, recurrenceOfSubscription } from '../billing/subscription-state';
import { updateSubscription } from '../billing/subscription-update';
import { nextBoundary } from '../billing/periods';
import { invalidRequest } from '../http/errors';
import { array, boolean, emptyable, inRange, object, oneOf, parseParams, range, string } from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import { present } from '../state/expand';
import { listParams, paginate } from '../state/lists';
import { requireObject } from '../state/lookup';
import type { Subscription } from '../state/objects';

const expand = array(string());
const statuses = [
  'active',
  'all',
  'canceled',
  'ended',
  'incomplete',
  'incomplete_expired',
  'past_due',
  'paused',
  'trialing',
  'unpaid',
] as const;
const listShape = {
  ...listParams,
  customer: string(),
  price: string(),
  status: oneOf(...statuses),
  collection_method: oneOf('charge_automatically', 'send_invoice'),
  created: range(),
  current_period_start: range(),
  current_period_end: range(),
  test_clock: string(),
};

function matchesStatus(sub: Subscription, status: (typeof statuses)[number] | undefined): boolean {
  if (status === 'all') return true;
  if (status === 'ended') return sub.status === 'canceled' || sub.status === 'incomplete_expired';
  // Like Stripe, the default list leaves out canceled subscriptions.
  return status ? sub.status === status : sub.status !== 'canceled';
}

/** Resumes a paused subscription: a new period from now, invoiced at once. */
function resume(ctx: Ctx, sub: Subscription): void {
  if (sub.status !== 'paused') throw invalidRequest('Only a paused subscription can be resumed.', undefined);
  const now = ctx.now(typeof sub.test_clock === 'string' ? sub.test_clock : null);
  changeSubscription(ctx, sub, () => {
    const billed = { start: now, end: nextBoundary(now, recurrenceOfSubscription(sub), now) };
    sub.status = 'active';
    sub.billing_cycle_anchor = now;
    setPeriod(sub, billed);
    invoiceNow(
      ctx,
      sub,
      { reason: 'subscription_update', billedPeriod: billed, trial: false, invoicePeriod: { start: now, end: now } },
      'allow_incomplete',
    );
  });
  emit(ctx, 'customer.subscription.resumed', sub);
}

export const subscriptionRoutes: Route[] = [
  route('POST', '/v1/subscriptions', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    return present(ctx, createSubscription(ctx, p), p.expand);
  }),
  route('GET', '/v1/subscriptions', (ctx, req) => {
    const p = parseParams(listShape, req.params);
    const subs = ctx.tx.find(
      'subscription',
      (s) =>
        (!p.customer || s.customer === p.customer) &&
        (!p.test_clock || s.test_clock === p.test_clock) &&
        (!p.price || s.items.data.some((item) => item.price.id === p.price)) &&
        matchesStatus(s, p.status) &&
        (!p.collection_method || s.collection_method === p.collection_method) &&
        inRange(s.created, p.created) &&
        inRange(currentPeriod(s).start, p.current_period_start) &&
        inRange(currentPeriod(s).end, p.current_period_end),
    );
    return present(ctx, paginate(subs, p, '/v1/subscriptions'), p.expand);
  }),
  route('GET', '/v1/subscriptions/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    return present(ctx, requireObject(ctx, 'subscription', req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/subscriptions/:id', (ctx, req) => {
    const p = parseParams(updateShape, req.params);
    const sub = requireObject(ctx, 'subscription', req.path.id ?? '');
    updateSubscription(ctx, sub, p);
    return present(ctx, sub, p.expand);
  }),
  route('DELETE', '/v1/subscriptions/:id', (ctx, req) => {
    const p = parseParams(
      {
        invoice_now: boolean(),
        prorate: boolean(),
        cancellation_details: object({ comment: emptyable(string()), feedback: emptyable(string()) }),
        expand,
      },
      req.params,
    );
    const sub = requireObject(ctx, 'subscription', req.path.id ?? '');
    cancelNow(ctx, sub, { invoiceNow: p.invoice_now, prorate: p.prorate, ...p.cancellation_details });
    return present(ctx, sub, p.expand);
  }),
  route('POST', '/v1/subscriptions/:id/resume', (ctx, req) => {
    const p = parseParams(
      {
        billing_cycle_anchor: oneOf('now'),
        proration_behavior: oneOf('create_prorations', 'none', 'always_invoice'),
        expand,
      },
      req.params,
    );
    const sub = requireObject(ctx, 'subscription', req.path.id ?? '');
    resume(ctx, sub);
    return present(ctx, sub, p.expand);
  }),
  route('DELETE', '/v1/subscriptions/:id/discount', (ctx, req) => {
    parseParams({}, req.params);
    const sub = requireObject(ctx, 'subscription', req.path.id ?? '');
    changeSubscription(ctx, sub, () => (sub.discounts = []));
    return { object: 'discount', deleted: true };
  }),
];
