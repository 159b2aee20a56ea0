import type { BillingCycle } from '@/db/schema';

export interface Period {
  start: Date;
  end: Date;
}

/** The subscription facts that decide which billing period a moment belongs to. */
export interface PeriodAnchor {
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  billingCycle: BillingCycle;
}

function addCycle(date: Date, cycle: BillingCycle, count: number): Date {
  const result = new Date(date);
  if (cycle === 'monthly') result.setUTCMonth(result.getUTCMonth() + count);
  else result.setUTCFullYear(result.getUTCFullYear() + count);
  return result;
}

/** Calendar month in UTC: the period of an organization without a subscription. */
export function calendarMonth(at: Date): Period {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  return { start, end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)) };
}

/** The subscription's current period, or the calendar month when there is none. */
export function currentPeriod(anchor: PeriodAnchor | null, now: Date): Period {
  if (!anchor?.currentPeriodStart || !anchor.currentPeriodEnd) return calendarMonth(now);
  return { start: anchor.currentPeriodStart, end: anchor.currentPeriodEnd };
}

/** The period `at` falls in: the current one, or one of the cycles before it (for late reports). */
export function periodOf(anchor: PeriodAnchor | null, at: Date, now: Date): Period {
  const current = currentPeriod(anchor, now);
  if (!anchor?.currentPeriodStart) return calendarMonth(at);
  let period = current;
  for (let i = 0; i < 24 && at < period.start; i++) {
    period = { start: addCycle(period.start, anchor.billingCycle, -1), end: period.start };
  }
  while (at >= period.end) period = { start: period.end, end: addCycle(period.end, anchor.billingCycle, 1) };
  return period;
}

export type TimingRejection = 'in_future' | 'too_late';

const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Usage may arrive late, but only until `lateDays` after its period ended (so the period can be
 * billed); usage from the future is a clock or client bug.
 */
export function timingRejection(period: Period, occurredAt: Date, now: Date, lateDays: number): TimingRejection | null {
  if (occurredAt.getTime() > now.getTime() + FUTURE_SKEW_MS) return 'in_future';
  if (now.getTime() > period.end.getTime() + lateDays * 86_400_000) return 'too_late';
  return null;
}
