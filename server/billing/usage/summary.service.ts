import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { usageTotals } from '@/db/schema';
import { loadEntitlementContext, type EntitlementPolicy } from '../entitlements/context.service';
import { lineTotal } from '../money';
import { periodOf, type Period } from './periods';

export interface MetricSummary {
  metric: string;
  /** Included quantity; null = unlimited. */
  included: number | null;
  used: number;
  overage: number;
  /** Exact price per unit above the included quantity, in minor units. */
  overageUnitPrice: string | null;
  /** Overage in minor units, rounded half-up once: what the renewal invoice bills. */
  overageAmount: number;
  currency: string;
  percentUsed: number | null;
  overLimit: boolean;
}

export interface UsageSummary {
  periodStart: Date;
  periodEnd: Date;
  currency: string;
  metrics: MetricSummary[];
  totalOverageAmount: number;
}

/** Per metric for one billing period: included, used, overage and its price — the numbers billed at renewal. */
export async function summarizeUsage(
  db: Database,
  input: { organizationId: string; periodStart?: Date; policy: EntitlementPolicy; now: Date },
): Promise<UsageSummary> {
  const context = await loadEntitlementContext(db, input.organizationId, input.policy, input.now);
  const period: Period = input.periodStart
    ? periodOf(context.subscription, input.periodStart, input.now)
    : context.period;
  const rows = await db
    .select({ metric: usageTotals.metric, quantity: usageTotals.quantity })
    .from(usageTotals)
    .where(and(eq(usageTotals.organizationId, input.organizationId), eq(usageTotals.periodStart, period.start)));
  const used = new Map(rows.map((r) => [r.metric, r.quantity]));
  const currency = context.plan?.currency ?? 'usd';
  const metrics: MetricSummary[] = [];
  for (const [metric, limit] of context.limits) {
    if (limit.usageType === 'static') continue;
    const quantity = used.get(metric) ?? 0;
    const unlimited = limit.maxValue === -1;
    const overage = unlimited ? 0 : Math.max(0, quantity - limit.maxValue);
    metrics.push({
      metric,
      included: unlimited ? null : limit.maxValue,
      used: quantity,
      overage,
      overageUnitPrice: limit.overageUnitPrice,
      overageAmount: limit.overageUnitPrice && overage > 0 ? lineTotal(limit.overageUnitPrice, overage) : 0,
      currency,
      percentUsed: unlimited || limit.maxValue === 0 ? null : Math.round((quantity / limit.maxValue) * 1000) / 10,
      overLimit: !unlimited && quantity > limit.maxValue,
    });
  }
  metrics.sort((a, b) => a.metric.localeCompare(b.metric));
  return {
    periodStart: period.start,
    periodEnd: period.end,
    currency,
    metrics,
    totalOverageAmount: metrics.reduce((sum, m) => sum + m.overageAmount, 0),
  };
}

/** Usage per UTC day of one metric in a period (for the portal's chart); gauges show each day's last value. */
export async function dailyUsage(
  db: Database,
  input: { organizationId: string; metric: string; period: { start: Date; end: Date }; gauge: boolean },
): Promise<Array<{ day: string; quantity: number }>> {
  const rows = await db.execute<{ day: string; quantity: string | number }>(sql`
    select to_char(date_trunc('day', occurred_at at time zone 'UTC'), 'YYYY-MM-DD') as day,
      ${input.gauge ? sql`(array_agg(quantity order by occurred_at desc))[1]` : sql`sum(quantity)`} as quantity
    from usage_records
    where organization_id = ${input.organizationId} and metric = ${input.metric}
      and period_start = ${input.period.start.toISOString()}::timestamptz
    group by 1 order by 1`);
  const list = Array.isArray(rows)
    ? rows
    : (rows as unknown as { rows: Array<{ day: string; quantity: string | number }> }).rows;
  return list.map((r) => ({ day: r.day, quantity: Number(r.quantity) }));
}
