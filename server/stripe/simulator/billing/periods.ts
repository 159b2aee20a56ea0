import type { Price } from '../state/objects';

export type Interval = 'day' | 'week' | 'month' | 'year';

export interface Recurrence {
  interval: Interval;
  count: number;
}

export function recurrenceOf(price: Price): Recurrence {
  const interval = price.recurring?.interval;
  const known: Interval =
    interval === 'day' ? 'day' : interval === 'week' ? 'week' : interval === 'year' ? 'year' : 'month';
  return { interval: known, count: price.recurring?.interval_count ?? 1 };
}

export function sameRecurrence(a: Recurrence, b: Recurrence): boolean {
  return a.interval === b.interval && a.count === b.count;
}

/**
 * The anchor moved by `n` recurrences. Months keep the anchor's day of month where they can and
 * clamp to the month's last day otherwise (Jan 31 → Feb 28 → Mar 31), as Stripe's billing cycle does.
 */
export function shift(anchor: number, recurrence: Recurrence, n: number): number {
  if (recurrence.interval === 'day') return anchor + n * recurrence.count * 86_400;
  if (recurrence.interval === 'week') return anchor + n * recurrence.count * 7 * 86_400;
  const months = n * recurrence.count * (recurrence.interval === 'year' ? 12 : 1);
  const d = new Date(anchor * 1000);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  target.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  return Math.floor(target.getTime() / 1000);
}

/** The first cycle boundary strictly after `after`, counted from the billing cycle anchor. */
export function nextBoundary(anchor: number, recurrence: Recurrence, after: number): number {
  let n = 1;
  while (shift(anchor, recurrence, n) <= after) n++;
  return shift(anchor, recurrence, n);
}

/** "15 Jan 2026", as Stripe writes dates in proration descriptions. */
export function formatDate(ts: number): string {
  const d = new Date(ts * 1000);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}
