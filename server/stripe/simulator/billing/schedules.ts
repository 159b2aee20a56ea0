import { invalidRequest } from '../http/errors';
import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import { newId } from '../state/ids';
import type { SchedulePhase, Subscription, SubscriptionSchedule } from '../state/objects';
import type { ProrationBehavior } from './subscription-params';
import { changeSubscription, currentPeriod } from './subscription-state';
import { updateSubscription } from './subscription-update';

type PhaseItem = SchedulePhase['items'][number];

export function newPhase(
  sub: Subscription,
  start: number,
  end: number,
  items: PhaseItem[],
  proration: ProrationBehavior,
): SchedulePhase {
  return {
    add_invoice_items: [],
    application_fee_percent: null,
    billing_cycle_anchor: null,
    billing_thresholds: null,
    collection_method: null,
    currency: sub.currency,
    default_payment_method: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    end_date: end,
    invoice_settings: null,
    items,
    metadata: {},
    on_behalf_of: null,
    proration_behavior: proration,
    start_date: start,
    transfer_data: null,
    trial_end: null,
  };
}

export function phaseItem(price: string, quantity: number): PhaseItem {
  return { billing_thresholds: null, discounts: [], metadata: {}, plan: price, price, quantity, tax_rates: [] };
}

/** `subscriptionSchedules.create({ from_subscription })`: one phase, the subscription's current period and items. */
export function scheduleFromSubscription(ctx: Ctx, sub: Subscription): SubscriptionSchedule {
  if (typeof sub.schedule === 'string') {
    throw invalidRequest(
      `The subscription is already attached to subscription schedule \`${sub.schedule}\`.`,
      'from_subscription',
    );
  }
  const now = ctx.now(typeof sub.test_clock === 'string' ? sub.test_clock : null);
  const period = currentPeriod(sub);
  const items = sub.items.data.map((item) => phaseItem(item.price.id, item.quantity ?? 1));
  const schedule = ctx.tx.insert('subscription_schedule', {
    id: newId('sub_sched'),
    object: 'subscription_schedule',
    application: null,
    billing_mode: { type: 'classic', flexible: null },
    canceled_at: null,
    completed_at: null,
    created: now,
    current_phase: { start_date: period.start, end_date: period.end },
    customer: String(sub.customer),
    customer_account: null,
    default_settings: {
      application_fee_percent: null,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null },
      billing_cycle_anchor: 'automatic',
      billing_thresholds: null,
      collection_method: sub.collection_method,
      default_payment_method: sub.default_payment_method,
      description: null,
      invoice_settings: {
        account_tax_ids: null,
        custom_fields: null,
        days_until_due: null,
        description: null,
        footer: null,
        issuer: { type: 'self' },
      },
      on_behalf_of: null,
      transfer_data: null,
    },
    end_behavior: 'release',
    livemode: false,
    metadata: {},
    pause_schedules: [],
    phases: [newPhase(sub, period.start, period.end, items, 'create_prorations')],
    released_at: null,
    released_subscription: null,
    status: 'active',
    subscription: sub.id,
    test_clock: sub.test_clock,
  });
  emit(ctx, 'subscription_schedule.created', schedule);
  changeSubscription(ctx, sub, () => (sub.schedule = schedule.id));
  return schedule;
}

export function phaseAt(schedule: SubscriptionSchedule, at: number): SchedulePhase | undefined {
  return schedule.phases.find((phase) => phase.start_date <= at && at < phase.end_date);
}

/**
 * Moves a schedule to the phase in force at `at`: the subscription takes the phase's items (no
 * proration at a period boundary, the phase's `proration_behavior` otherwise). Past the last
 * phase the schedule releases its subscription (`end_behavior: cancel` ends it via `cancel_at`).
 */
export function advanceSchedule(ctx: Ctx, sub: Subscription, at: number): void {
  const schedule = typeof sub.schedule === 'string' ? ctx.tx.get('subscription_schedule', sub.schedule) : undefined;
  if (!schedule || schedule.status !== 'active') return;
  const phase = phaseAt(schedule, at);
  if (!phase) {
    if (schedule.end_behavior !== 'cancel') releaseSchedule(ctx, schedule, sub, at);
    return;
  }
  if (schedule.current_phase?.start_date === phase.start_date) return;
  schedule.current_phase = { start_date: phase.start_date, end_date: phase.end_date };
  applyPhaseItems(ctx, sub, phase, at >= currentPeriod(sub).end ? 'none' : prorationOf(phase));
  emit(ctx, 'subscription_schedule.updated', schedule);
}

export function prorationOf(phase: SchedulePhase): ProrationBehavior {
  const value = phase.proration_behavior;
  return value === 'none' ? 'none' : value === 'always_invoice' ? 'always_invoice' : 'create_prorations';
}

/** Gives the subscription a phase's items, keeping item ids by position as a price change does. */
export function applyPhaseItems(ctx: Ctx, sub: Subscription, phase: SchedulePhase, proration: ProrationBehavior): void {
  const current = sub.items.data;
  const unchanged =
    current.length === phase.items.length &&
    phase.items.every(
      (pi, i) => current[i]?.price.id === String(pi.price) && (current[i]?.quantity ?? 1) === (pi.quantity ?? 1),
    );
  if (unchanged) return;
  const items = [
    ...phase.items.map((pi, i) => ({ id: current[i]?.id, price: String(pi.price), quantity: pi.quantity ?? 1 })),
    ...current.slice(phase.items.length).map((item) => ({ id: item.id, deleted: true })),
  ];
  updateSubscription(ctx, sub, { items, proration_behavior: proration });
}

export function releaseSchedule(
  ctx: Ctx,
  schedule: SubscriptionSchedule,
  sub: Subscription | undefined,
  at: number,
): void {
  schedule.status = 'released';
  schedule.released_at = at;
  schedule.released_subscription = sub?.id ?? null;
  schedule.subscription = null;
  schedule.current_phase = null;
  emit(ctx, 'subscription_schedule.released', schedule);
  if (sub) changeSubscription(ctx, sub, () => (sub.schedule = null));
}
