import { lineTotal } from '@/server/billing/money';

/** Where a metric stands against its limit: warnings start at 80%, and at 100% the limit is reached. */
export type UsageLevel = 'unlimited' | 'ok' | 'warning' | 'reached' | 'over';

export function usageLevel(used: number, included: number | null): UsageLevel {
  if (included === null) return 'unlimited';
  if (included <= 0) return used > 0 ? 'over' : 'ok';
  if (used > included) return 'over';
  if (used === included) return 'reached';
  return used * 100 >= included * 80 ? 'warning' : 'ok';
}

/** Share of the limit used, for a bar: 0–100, capped (the text says how far over). */
export function barPercent(used: number, included: number | null): number {
  if (included === null || included <= 0) return used > 0 && included === 0 ? 100 : 0;
  return Math.min(100, Math.max(0, (used / included) * 100));
}

const DAY_MS = 86_400_000;

/**
 * The usage expected by the period's end if it goes on at the pace so far (linear in elapsed time).
 * A gauge (websites, seats) is a level, not a flow: it is expected to stay where it is. The first day is
 * taken as a whole day, so a few minutes of usage do not project to an absurd month.
 */
export function projectUsage(input: {
  used: number;
  usageType: string;
  periodStart: string;
  periodEnd: string;
  now: Date;
}): number {
  if (input.usageType !== 'counter') return input.used;
  const start = Date.parse(input.periodStart);
  const end = Date.parse(input.periodEnd);
  const length = end - start;
  const elapsed = input.now.getTime() - start;
  if (!(length > 0) || elapsed >= length) return input.used;
  const basis = Math.min(length, Math.max(elapsed, DAY_MS));
  return Math.round((input.used * length) / basis);
}

/** Overage and its price (minor units, rounded once like the invoice) for a projected quantity. */
export function projectedOverage(input: {
  projected: number;
  included: number | null;
  overageUnitPrice: string | null;
}): { overage: number; amount: number } {
  if (input.included === null) return { overage: 0, amount: 0 };
  const overage = Math.max(0, input.projected - input.included);
  return { overage, amount: input.overageUnitPrice && overage > 0 ? lineTotal(input.overageUnitPrice, overage) : 0 };
}

/**
 * One entry per UTC day from the period's start to today (or its end), zero where nothing was recorded,
 * so the chart shows quiet days as gaps rather than skipping them.
 */
export function dailySeries(
  days: Array<{ day: string; quantity: number }>,
  periodStart: string,
  periodEnd: string,
  now: Date,
): Array<{ day: string; quantity: number }> {
  const byDay = new Map(days.map((d) => [d.day, d.quantity]));
  const first = Date.UTC(
    new Date(periodStart).getUTCFullYear(),
    new Date(periodStart).getUTCMonth(),
    new Date(periodStart).getUTCDate(),
  );
  const last = Math.min(Date.parse(periodEnd) - 1, now.getTime());
  const series: Array<{ day: string; quantity: number }> = [];
  for (let at = first; at <= last && series.length < 400; at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    series.push({ day, quantity: byDay.get(day) ?? 0 });
  }
  // Usage recorded on a day outside the window (late events) still shows.
  for (const d of days) if (!series.some((s) => s.day === d.day)) series.push(d);
  return series.sort((a, b) => a.day.localeCompare(b.day));
}
