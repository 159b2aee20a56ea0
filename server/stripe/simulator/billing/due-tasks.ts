import type { Ctx } from '../state/context';
import type { Invoice, Subscription } from '../state/objects';
import type { Tx } from '../state/tx';
import { attemptPayment } from './collection';
import { expireIncomplete, finalizeAndCollect, renewSubscription } from './renewal';
import { advanceSchedule, phaseAt } from './schedules';
import { RENEWING, changeSubscription, currentPeriod } from './subscription-state';
import { noteTrialWillEnd, trialWarningDue } from './trials';

/** Something due at `at` for an object on one clock (or on real time). Lower `rank` runs first at equal times. */
export interface DueTask {
  at: number;
  rank: number;
  key: string;
  run(ctx: Ctx): Invoice | null | void;
}

const INCOMPLETE_EXPIRY_SECONDS = 23 * 3600;

/** Everything that will happen by itself to the objects on `clock` (null: objects on real time). */
export function dueTasks(ctx: Ctx, clock: string | null): DueTask[] {
  const onClock = (obj: { test_clock: unknown }) => (obj.test_clock ?? null) === clock;
  const tasks: DueTask[] = [];
  for (const sub of findOnClock(ctx.tx, 'subscription', onClock)) tasks.push(...subscriptionTasks(ctx, sub));
  for (const invoice of findOnClock(ctx.tx, 'invoice', onClock)) {
    const task = invoiceTask(invoice);
    if (task) tasks.push(task);
  }
  return tasks.sort((a, b) => a.at - b.at || a.rank - b.rank);
}

function findOnClock<K extends 'subscription' | 'invoice'>(
  tx: Tx,
  kind: K,
  onClock: (obj: { test_clock: unknown }) => boolean,
) {
  return tx.find(kind, (obj) => onClock(obj as { test_clock: unknown }));
}

function subscriptionTasks(ctx: Ctx, sub: Subscription): DueTask[] {
  const tasks: DueTask[] = [];
  const get = (c: Ctx) => c.tx.get('subscription', sub.id) as Subscription;
  const warning = trialWarningDue(ctx, sub);
  if (warning !== null)
    tasks.push({
      at: warning,
      rank: 0,
      key: `${sub.id}:trial_will_end`,
      run: (c) => noteTrialWillEnd(c, get(c), warning),
    });
  if (sub.status === 'incomplete') {
    const at = sub.created + INCOMPLETE_EXPIRY_SECONDS;
    tasks.push({ at, rank: 4, key: `${sub.id}:expire`, run: (c) => expireIncomplete(c, get(c), at) });
  }
  if (!RENEWING.includes(sub.status)) return tasks;
  const end = currentPeriod(sub).end;
  const cancelAt = sub.cancel_at !== null && sub.cancel_at < end ? sub.cancel_at : end;
  tasks.push({ at: cancelAt, rank: 2, key: `${sub.id}:renew`, run: (c) => renewSubscription(c, get(c), cancelAt) });
  const phaseChange = schedulePhaseChange(ctx, sub, end);
  if (phaseChange !== null) {
    tasks.push({
      at: phaseChange,
      rank: 1,
      key: `${sub.id}:phase`,
      run: (c) => changeSubscription(c, get(c), () => advanceSchedule(c, get(c), phaseChange)),
    });
  }
  return tasks;
}

/** A schedule phase that starts (or a schedule that runs out) before the period ends. */
function schedulePhaseChange(ctx: Ctx, sub: Subscription, periodEnd: number): number | null {
  const schedule = typeof sub.schedule === 'string' ? ctx.tx.get('subscription_schedule', sub.schedule) : undefined;
  const current =
    schedule?.status === 'active' && schedule.current_phase
      ? phaseAt(schedule, schedule.current_phase.start_date)
      : undefined;
  if (!current || current.end_date >= periodEnd) return null;
  return current.end_date;
}

function invoiceTask(invoice: Invoice): DueTask | null {
  const get = (c: Ctx) => c.tx.get('invoice', invoice.id) as Invoice;
  if (invoice.status === 'draft' && invoice.auto_advance && invoice.automatically_finalizes_at !== null) {
    return {
      at: invoice.automatically_finalizes_at,
      rank: 5,
      key: `${invoice.id}:finalize`,
      run: (c) => finalizeAndCollect(c, get(c)),
    };
  }
  if (
    invoice.status === 'open' &&
    invoice.auto_advance &&
    invoice.next_payment_attempt !== null &&
    invoice.collection_method === 'charge_automatically'
  ) {
    return {
      at: invoice.next_payment_attempt,
      rank: 6,
      key: `${invoice.id}:retry`,
      run: (c) => void attemptPayment(c, get(c)),
    };
  }
  return null;
}
