import { phaseShape, updatePhases } from '../billing/schedule-phases';
import { releaseSchedule, scheduleFromSubscription } from '../billing/schedules';
import { prorationBehavior } from '../billing/subscription-params';
import { endSubscription } from '../billing/subscription-state';
import { invalidRequest, paramError } from '../http/errors';
import { array, boolean, metadata, oneOf, parseParams, string } from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import { present } from '../state/expand';
import { listParams, paginate } from '../state/lists';
import { applyMetadata, requireObject } from '../state/lookup';
import type { SubscriptionSchedule } from '../state/objects';

const expand = array(string());
const endBehavior = oneOf('release', 'cancel');
const createShape = {
  from_subscription: string(),
  customer: string(),
  end_behavior: endBehavior,
  metadata: metadata(),
  expand,
};
const updateShape = {
  phases: array(phaseShape),
  end_behavior: endBehavior,
  proration_behavior: prorationBehavior,
  metadata: metadata(),
  expand,
};

function scheduledSubscription(ctx: Ctx, schedule: SubscriptionSchedule) {
  if (schedule.status !== 'active' && schedule.status !== 'not_started') {
    throw invalidRequest(`You cannot update a subscription schedule that is ${schedule.status}.`, undefined);
  }
  return requireObject(ctx, 'subscription', String(schedule.subscription), 'subscription');
}

export const subscriptionScheduleRoutes: Route[] = [
  route('POST', '/v1/subscription_schedules', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    if (!p.from_subscription) {
      // Schedules that start new subscriptions (customer + phases) are beyond this simulator.
      throw paramError('Missing required param: from_subscription.', 'from_subscription', 'parameter_missing');
    }
    const sub = requireObject(ctx, 'subscription', p.from_subscription, 'from_subscription');
    const schedule = scheduleFromSubscription(ctx, sub);
    if (p.end_behavior) schedule.end_behavior = p.end_behavior;
    schedule.metadata = applyMetadata({}, p.metadata);
    return present(ctx, schedule, p.expand);
  }),
  route('GET', '/v1/subscription_schedules', (ctx, req) => {
    const p = parseParams({ ...listParams, customer: string(), scheduled: boolean() }, req.params);
    const schedules = ctx.tx.find('subscription_schedule', (s) => !p.customer || s.customer === p.customer);
    return present(ctx, paginate(schedules, p, '/v1/subscription_schedules'), p.expand);
  }),
  route('GET', '/v1/subscription_schedules/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    return present(ctx, requireObject(ctx, 'subscription_schedule', req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/subscription_schedules/:id', (ctx, req) => {
    const p = parseParams(updateShape, req.params);
    const schedule = requireObject(ctx, 'subscription_schedule', req.path.id ?? '');
    const sub = scheduledSubscription(ctx, schedule);
    schedule.metadata = applyMetadata(schedule.metadata, p.metadata);
    if (p.phases) {
      updatePhases(ctx, schedule, sub, p.phases, {
        endBehavior: p.end_behavior,
        prorationBehavior: p.proration_behavior,
      });
    } else {
      if (p.end_behavior) schedule.end_behavior = p.end_behavior;
      emit(ctx, 'subscription_schedule.updated', schedule);
    }
    return present(ctx, schedule, p.expand);
  }),
  route('POST', '/v1/subscription_schedules/:id/release', (ctx, req) => {
    const p = parseParams({ preserve_cancel_date: boolean(), expand }, req.params);
    const schedule = requireObject(ctx, 'subscription_schedule', req.path.id ?? '');
    const sub = scheduledSubscription(ctx, schedule);
    releaseSchedule(ctx, schedule, sub, ctx.now(typeof sub.test_clock === 'string' ? sub.test_clock : null));
    return present(ctx, schedule, p.expand);
  }),
  route('POST', '/v1/subscription_schedules/:id/cancel', (ctx, req) => {
    const p = parseParams({ invoice_now: boolean(), prorate: boolean(), expand }, req.params);
    const schedule = requireObject(ctx, 'subscription_schedule', req.path.id ?? '');
    const sub = scheduledSubscription(ctx, schedule);
    // Canceling a schedule cancels its subscription too (and marks the schedule canceled).
    endSubscription(
      ctx,
      sub,
      ctx.now(typeof sub.test_clock === 'string' ? sub.test_clock : null),
      'cancellation_requested',
    );
    return present(ctx, schedule, p.expand);
  }),
];
