import type { Ctx } from '../state/context';
import { emit, updateWithEvent } from '../state/events';
import type { Subscription } from '../state/objects';
import { recurrenceOf, type Recurrence } from './periods';

export type SubscriptionStatus = Subscription['status'];

/** Statuses in which a subscription still renews. */
export const RENEWING: readonly SubscriptionStatus[] = ['active', 'trialing', 'past_due', 'unpaid'];
/** Statuses after which nothing more happens. */
export const ENDED: readonly SubscriptionStatus[] = ['canceled', 'incomplete_expired'];

/** Since basil the current period lives on the items; a classic-mode subscription's items share it. */
export function currentPeriod(sub: Subscription): { start: number; end: number } {
  const item = sub.items.data[0];
  return { start: item?.current_period_start ?? sub.start_date, end: item?.current_period_end ?? sub.start_date };
}

export function setPeriod(sub: Subscription, period: { start: number; end: number }): void {
  for (const item of sub.items.data) {
    item.current_period_start = period.start;
    item.current_period_end = period.end;
  }
}

export function recurrenceOfSubscription(sub: Subscription): Recurrence {
  const price = sub.items.data[0]?.price;
  return price ? recurrenceOf(price) : { interval: 'month', count: 1 };
}

/**
 * Changes fields of a subscription and announces them with one `customer.subscription.updated`,
 * unless an enclosing change or the creation of the subscription already announces them.
 */
export function changeSubscription(ctx: Ctx, sub: Subscription, change: () => void): void {
  if (ctx.announcing.has(sub.id)) {
    change();
    return;
  }
  ctx.announcing.add(sub.id);
  try {
    updateWithEvent(ctx, 'customer.subscription.updated', sub, change);
  } finally {
    ctx.announcing.delete(sub.id);
  }
}

export function setStatus(ctx: Ctx, sub: Subscription, status: SubscriptionStatus): void {
  if (sub.status === status) return;
  changeSubscription(ctx, sub, () => (sub.status = status));
}

type CancellationReason = NonNullable<NonNullable<Subscription['cancellation_details']>['reason']>;

/** Ends a subscription now: `canceled`, with `customer.subscription.deleted`. */
export function endSubscription(ctx: Ctx, sub: Subscription, at: number, reason: CancellationReason): void {
  sub.status = 'canceled';
  sub.canceled_at ??= at;
  sub.ended_at = at;
  sub.cancellation_details = {
    comment: null,
    feedback: null,
    feedback_option: null,
    ...sub.cancellation_details,
    reason,
  };
  if (typeof sub.schedule === 'string') {
    const schedule = ctx.tx.get('subscription_schedule', sub.schedule);
    if (schedule && (schedule.status === 'active' || schedule.status === 'not_started')) {
      // A schedule whose last phase ends with `end_behavior: cancel` completes; otherwise it is canceled with its subscription.
      const last = schedule.phases.at(-1);
      const completed = schedule.end_behavior === 'cancel' && last !== undefined && last.end_date <= at;
      schedule.status = completed ? 'completed' : 'canceled';
      if (completed) schedule.completed_at = at;
      else schedule.canceled_at = at;
      schedule.current_phase = null;
      emit(ctx, completed ? 'subscription_schedule.completed' : 'subscription_schedule.canceled', schedule);
    }
  }
  emit(ctx, 'customer.subscription.deleted', sub);
}
