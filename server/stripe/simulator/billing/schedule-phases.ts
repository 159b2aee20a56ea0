import { invalidRequest } from '../http/errors';
import { array, emptyable, integer, metadata, object, oneOf, required, string, timestampOr } from '../http/params';
import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import { applyMetadata } from '../state/lookup';
import type { SchedulePhase, Subscription, SubscriptionSchedule } from '../state/objects';
import { recurrenceOf, shift, type Recurrence } from './periods';
import { applyPhaseItems, newPhase, phaseItem, prorationOf } from './schedules';
import { checkItems } from './subscription-create';
import { resolveItemPrice } from './subscription-items';
import { newItemShape, prorationBehavior, type ProrationBehavior } from './subscription-params';
import { changeSubscription, currentPeriod } from './subscription-state';

export const phaseShape = object({
  items: required(array(object(newItemShape))),
  start_date: timestampOr('now'),
  end_date: timestampOr('now'),
  /** Since endive a phase's length is a `duration`; `iterations` (periods of its price) is the older form. */
  duration: object({ interval: required(oneOf('day', 'week', 'month', 'year')), interval_count: integer({ min: 1 }) }),
  iterations: integer({ min: 1 }),
  proration_behavior: prorationBehavior,
  metadata: metadata(),
  description: emptyable(string()),
});
export type PhaseInput = ReturnType<typeof phaseShape.parse>;

interface Options {
  endBehavior?: 'release' | 'cancel';
  prorationBehavior?: ProrationBehavior;
}

/**
 * `subscriptionSchedules.update({ phases })`. The first phase is the current one (its start cannot
 * move); each next phase starts where the previous ends; a phase ends at `end_date`, after
 * `iterations` billing periods, or (the last one) after one period. Changing the current phase's
 * items changes the subscription now; later phases take effect when they start.
 */
export function updatePhases(
  ctx: Ctx,
  schedule: SubscriptionSchedule,
  sub: Subscription,
  inputs: PhaseInput[],
  opts: Options,
): void {
  const now = ctx.now(typeof sub.test_clock === 'string' ? sub.test_clock : null);
  const currentStart = schedule.current_phase?.start_date ?? currentPeriod(sub).start;
  const phases: SchedulePhase[] = [];
  inputs.forEach((input, i) => {
    const param = `phases[${i}]`;
    const prices = input.items.map((item, j) => resolveItemPrice(ctx, item, `${param}[items][${j}]`));
    const first = checkItems(prices);
    const previous = phases[i - 1];
    const start = resolveStart(input.start_date, previous, currentStart, now, param);
    const length: Recurrence = input.duration
      ? { interval: input.duration.interval, count: input.duration.interval_count ?? 1 }
      : recurrenceOf(first);
    const end =
      input.end_date === 'now'
        ? now
        : (input.end_date ?? shift(start, length, input.duration ? 1 : (input.iterations ?? 1)));
    if (input.end_date === undefined && input.iterations === undefined && !input.duration && i < inputs.length - 1) {
      throw invalidRequest(
        'Every phase but the last needs an end_date, a duration or iterations.',
        `${param}[end_date]`,
        'parameter_missing',
      );
    }
    if (end <= start)
      throw invalidRequest('The end_date of a phase must be after its start_date.', `${param}[end_date]`);
    const items = input.items.map((item, j) => phaseItem(prices[j]?.id ?? '', item.quantity ?? 1));
    const phase = newPhase(sub, start, end, items, input.proration_behavior ?? 'create_prorations');
    phase.metadata = applyMetadata({}, input.metadata);
    phase.description = input.description ?? null;
    phases.push(phase);
  });
  const [current] = phases;
  if (!current) throw invalidRequest('A subscription schedule needs at least one phase.', 'phases');
  schedule.phases = phases;
  schedule.current_phase = { start_date: current.start_date, end_date: current.end_date };
  if (opts.endBehavior) schedule.end_behavior = opts.endBehavior;
  applyPhaseItems(ctx, sub, current, opts.prorationBehavior ?? prorationOf(current));
  syncCancellation(ctx, schedule, sub);
  emit(ctx, 'subscription_schedule.updated', schedule);
}

function resolveStart(
  given: number | 'now' | undefined,
  previous: SchedulePhase | undefined,
  currentStart: number,
  now: number,
  param: string,
): number {
  const expected = previous ? previous.end_date : currentStart;
  const start = given === 'now' ? now : (given ?? expected);
  if (!previous && start !== currentStart) {
    throw invalidRequest('You can not modify the start date of the current phase.', `${param}[start_date]`);
  }
  if (previous && start !== expected) {
    throw invalidRequest(
      'Phases must be contiguous: each start_date must equal the previous end_date.',
      `${param}[start_date]`,
    );
  }
  return start;
}

/** With `end_behavior: cancel` the subscription carries the schedule's end as its `cancel_at`. */
function syncCancellation(ctx: Ctx, schedule: SubscriptionSchedule, sub: Subscription): void {
  const end = schedule.phases.at(-1)?.end_date ?? null;
  const cancelAt = schedule.end_behavior === 'cancel' ? end : null;
  if (sub.cancel_at === cancelAt) return;
  changeSubscription(ctx, sub, () => {
    sub.cancel_at = cancelAt;
    sub.cancel_at_period_end = cancelAt !== null && cancelAt === currentPeriod(sub).end;
  });
}
