import Stripe from 'stripe';
import type { Ctx } from './context';
import { present } from './expand';
import { newId } from './ids';
import type { EventObject, EventType, StripeEvent } from './objects';

export const API_VERSION: string = Stripe.API_VERSION;

interface EmitOptions {
  /** Only on `*.updated`: the changed fields' earlier values. */
  previous?: Record<string, unknown>;
  /** Index in this transaction's event list, to announce something before what it caused. */
  position?: number;
}

/** Records an event with a snapshot of `object` as it is now; delivered as a webhook once committed. */
export function emit<T extends EventType>(
  ctx: Ctx,
  type: T,
  object: EventObject<T>,
  opts: EmitOptions = {},
): StripeEvent {
  const snapshot = present(ctx, object as { object: string }) as unknown as Record<string, unknown>;
  const event: StripeEvent = {
    id: newId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: ctx.now(clockOf(ctx, snapshot)),
    data: opts.previous ? { object: snapshot, previous_attributes: opts.previous } : { object: snapshot },
    livemode: false,
    pending_webhooks: ctx.config.webhooksEnabled() ? 1 : 0,
    request: { ...ctx.request },
    type,
  };
  if (!ctx.preview) ctx.tx.addEvent(event, opts.position);
  return event;
}

/** Events about objects on a test clock carry the clock's time, as Stripe's do. */
function clockOf(ctx: Ctx, obj: Record<string, unknown>): string | null {
  if (typeof obj.test_clock === 'string') return obj.test_clock;
  const customer = typeof obj.customer === 'string' ? ctx.tx.get('customer', obj.customer) : undefined;
  return typeof customer?.test_clock === 'string' ? customer.test_clock : null;
}

/**
 * Runs `change` on `obj` and, if anything visible changed, emits `type` with Stripe's
 * `previous_attributes` (changed keys only, nested objects by key, arrays whole).
 */
export function updateWithEvent<T extends EventType>(
  ctx: Ctx,
  type: T,
  obj: EventObject<T>,
  change: () => void,
): boolean {
  const before = present(ctx, obj as { object: string });
  const position = ctx.tx.events.length;
  change();
  const previous = diffPrevious(before, present(ctx, obj as { object: string }));
  if (!previous) return false;
  // Announced where the change began: events it caused (an invoice for a plan change) follow it.
  emit(ctx, type, obj, { previous, position });
  return true;
}

function diffPrevious(before: unknown, after: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(before) || !isPlainObject(after)) return undefined;
  const previous: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[key];
    const now = after[key];
    if (deepEqual(was, now)) continue;
    const nested = isPlainObject(was) && isPlainObject(now) ? diffPrevious(was, now) : undefined;
    previous[key] = nested ?? was ?? null;
  }
  return Object.keys(previous).length ? previous : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
