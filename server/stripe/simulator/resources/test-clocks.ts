import { invalidRequest } from '../http/errors';
import { array, parseParams, required, integer, string } from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import { newId } from '../state/ids';
import { listParams, paginate } from '../state/lists';
import { requireObject } from '../state/lookup';
import type { Kind } from '../state/objects';

const expand = array(string());
const DELETES_AFTER_SECONDS = 30 * 86_400;

/** Deleting a clock deletes everything on it, as at Stripe. */
function deleteClockObjects(ctx: Ctx, clockId: string): void {
  const customers = new Set(ctx.tx.find('customer', (c) => c.test_clock === clockId).map((c) => c.id));
  const onClock: Kind[] = ['customer', 'subscription', 'subscription_schedule', 'invoice', 'invoiceitem'];
  for (const kind of onClock) {
    for (const obj of ctx.tx.find(kind, (o) => (o as { test_clock?: unknown }).test_clock === clockId))
      ctx.tx.remove(kind, obj.id);
  }
  const owned: Kind[] = ['payment_method', 'setup_intent', 'discount'];
  for (const kind of owned) {
    for (const obj of ctx.tx.find(kind, (o) => customers.has(String((o as { customer?: unknown }).customer))))
      ctx.tx.remove(kind, obj.id);
  }
}

/** `advance` only starts the clock; the scheduler processes what falls due, then marks it `ready`. */
export function testClockRoutes(startAdvance: (clockId: string, target: number) => void): Route[] {
  return [
    route('POST', '/v1/test_helpers/test_clocks', (ctx, req) => {
      const p = parseParams(
        { frozen_time: required(integer({ min: 0 })), name: string({ max: 300 }), expand },
        req.params,
      );
      const now = ctx.now(null);
      const clock = ctx.tx.insert('test_clock', {
        id: newId('clock'),
        object: 'test_helpers.test_clock',
        created: now,
        deletes_after: now + DELETES_AFTER_SECONDS,
        frozen_time: p.frozen_time,
        livemode: false,
        name: p.name ?? null,
        status: 'ready',
        status_details: {},
      });
      emit(ctx, 'test_helpers.test_clock.created', clock);
      return clock;
    }),
    route('GET', '/v1/test_helpers/test_clocks', (ctx, req) => {
      const p = parseParams(listParams, req.params);
      return paginate(ctx.tx.find('test_clock'), p, '/v1/test_helpers/test_clocks');
    }),
    route('GET', '/v1/test_helpers/test_clocks/:id', (ctx, req) => {
      parseParams({ expand }, req.params);
      return requireObject(ctx, 'test_clock', req.path.id ?? '');
    }),
    route('DELETE', '/v1/test_helpers/test_clocks/:id', (ctx, req) => {
      parseParams({}, req.params);
      const clock = requireObject(ctx, 'test_clock', req.path.id ?? '');
      deleteClockObjects(ctx, clock.id);
      ctx.tx.remove('test_clock', clock.id);
      emit(ctx, 'test_helpers.test_clock.deleted', clock);
      return { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
    }),
    route('POST', '/v1/test_helpers/test_clocks/:id/advance', (ctx, req) => {
      const p = parseParams({ frozen_time: required(integer({ min: 0 })), expand }, req.params);
      const clock = requireObject(ctx, 'test_clock', req.path.id ?? '');
      if (clock.status !== 'ready')
        throw invalidRequest(
          `The test clock ${clock.id} is ${clock.status}; wait until it is ready to advance it again.`,
          undefined,
        );
      if (p.frozen_time <= clock.frozen_time) {
        throw invalidRequest("The frozen_time must be after the test clock's current frozen_time.", 'frozen_time');
      }
      clock.status = 'advancing';
      clock.status_details = { advancing: { target_frozen_time: p.frozen_time } };
      emit(ctx, 'test_helpers.test_clock.advancing', clock);
      req.defer(() => startAdvance(clock.id, p.frozen_time));
      return clock;
    }),
  ];
}
