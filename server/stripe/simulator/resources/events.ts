import { array, boolean, inRange, parseParams, range, string } from '../http/params';
import { route, type Route } from '../http/router';
import { listParams, paginate } from '../state/lists';
import { requireObject } from '../state/lookup';

/** `invoice.*` matches every invoice event, as in Stripe's `type` filter. */
function typeMatches(type: string, pattern: string): boolean {
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

export const eventRoutes: Route[] = [
  route('GET', '/v1/events', (ctx, req) => {
    const p = parseParams(
      {
        ...listParams,
        type: string(),
        types: array(string(), { max: 20 }),
        created: range(),
        delivery_success: boolean(),
      },
      req.params,
    );
    const events = ctx.tx.find(
      'event',
      (e) =>
        (!p.type || typeMatches(e.type, p.type)) &&
        (!p.types || p.types.some((t) => typeMatches(e.type, t))) &&
        inRange(e.created, p.created),
    );
    return paginate(events, p, '/v1/events');
  }),
  route('GET', '/v1/events/:id', (ctx, req) => {
    parseParams({ expand: array(string()) }, req.params);
    return requireObject(ctx, 'event', req.path.id ?? '');
  }),
];
