import { paymentBehavior, prorationBehavior } from '../billing/subscription-params';
import { updateSubscription } from '../billing/subscription-update';
import { resourceMissing } from '../http/errors';
import { array, integer, metadata, parseParams, required, string } from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { present } from '../state/expand';
import { listParams, paginate } from '../state/lists';
import { requireObject } from '../state/lookup';

const expand = array(string());

/** Subscription items live inside their subscription; these endpoints find them there. */
function findItem(ctx: Ctx, id: string) {
  const sub = ctx.tx.find('subscription', (s) => s.items.data.some((item) => item.id === id))[0];
  const item = sub?.items.data.find((x) => x.id === id);
  if (!sub || !item) throw resourceMissing('subscription item', id);
  return { sub, item };
}

export const subscriptionItemRoutes: Route[] = [
  route('GET', '/v1/subscription_items', (ctx, req) => {
    const p = parseParams({ ...listParams, subscription: required(string()) }, req.params);
    const sub = requireObject(ctx, 'subscription', p.subscription, 'subscription');
    const items = present(ctx, sub).items.data;
    return present(ctx, paginate(items, p, `/v1/subscription_items?subscription=${sub.id}`), p.expand);
  }),
  route('GET', '/v1/subscription_items/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    const { sub, item } = findItem(ctx, req.path.id ?? '');
    return present(ctx, present(ctx, sub).items.data.find((x) => x.id === item.id) ?? item, p.expand);
  }),
  route('POST', '/v1/subscription_items/:id', (ctx, req) => {
    const p = parseParams(
      {
        price: string(),
        quantity: integer({ min: 0 }),
        metadata: metadata(),
        proration_behavior: prorationBehavior,
        proration_date: integer({ min: 0 }),
        payment_behavior: paymentBehavior,
        expand,
      },
      req.params,
    );
    const { sub, item } = findItem(ctx, req.path.id ?? '');
    const { price, quantity, metadata: meta, expand: paths, ...options } = p;
    updateSubscription(ctx, sub, { ...options, items: [{ id: item.id, price, quantity, metadata: meta }] });
    return present(ctx, present(ctx, sub).items.data.find((x) => x.id === item.id) ?? item, paths);
  }),
];
