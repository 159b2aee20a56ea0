import Link from 'next/link';
import { formatMoney } from '@/server/billing/money';
import { Card, Notice } from '../ui/card';
import { formatDate, metricLabel } from './format';
import type { Entitlements, UsageSummary } from './types';
import { UsageMetricCard } from './usage-metric-card';
import { dailySeries, projectedOverage, projectUsage, usageLevel } from './usage-math';

type Metric = UsageSummary['metrics'][number];

/**
 * Usage this period in plain words: per metric a bar against the limit, the daily trend, where the
 * period is heading and what that would cost, with warnings at 80% and 100%.
 */
export function UsageDashboard({
  summary,
  entitlements,
  daily,
  now,
}: {
  summary: UsageSummary;
  entitlements: Entitlements;
  daily: Record<string, Array<{ day: string; quantity: number }>>;
  now: Date;
}) {
  const limits = new Map(entitlements.limits.map((l) => [l.key, l]));
  const rows = summary.metrics.map((metric) => {
    const limit = limits.get(metric.metric);
    const usageType = limit?.usageType ?? 'counter';
    const projected = projectUsage({
      used: metric.used,
      usageType,
      periodStart: summary.periodStart,
      periodEnd: summary.periodEnd,
      now,
    });
    return { metric, limit, usageType, projected, ...projectedOverageOf(metric, projected) };
  });
  const projectedTotal = rows.reduce((sum, r) => sum + r.amount, 0);
  const totalDays = Math.round((Date.parse(summary.periodEnd) - Date.parse(summary.periodStart)) / 86_400_000);
  const elapsedDays = (now.getTime() - Date.parse(summary.periodStart)) / 86_400_000;
  const dayOfPeriod = Math.min(totalDays, Math.floor(elapsedDays) + 1);
  const warnings = rows.filter((r) =>
    ['warning', 'reached', 'over'].includes(usageLevel(r.metric.used, r.metric.included)),
  );

  return (
    <div className="space-y-6">
      {entitlements.access.source === 'none' && (
        <Notice tone="warning">
          {entitlements.access.denial === 'payment_grace_expired'
            ? 'Usage is blocked: a payment is overdue and the grace period has ended.'
            : 'Your organization has no plan, so nothing is included.'}{' '}
          <Link href="/billing" className="underline">
            Go to the overview
          </Link>
        </Notice>
      )}
      {entitlements.access.source === 'grace' && (
        <Notice tone="warning">
          A payment is overdue. Your plan keeps working until {formatDate(entitlements.access.graceEndsAt)}.
        </Notice>
      )}

      <Card title="This billing period">
        <dl className="grid gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-xs text-slate-500 uppercase">Plan</dt>
            <dd className="font-medium">{entitlements.plan?.displayName ?? 'No plan'}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500 uppercase">Period</dt>
            <dd>
              {formatDate(summary.periodStart)} – {formatDate(summary.periodEnd)}
              {totalDays > 0 && dayOfPeriod > 0 && (
                <span className="block text-xs text-slate-500">
                  Day {dayOfPeriod} of {totalDays}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500 uppercase">Extra charges</dt>
            <dd data-testid="overage-so-far">
              {formatMoney(summary.totalOverageAmount, summary.currency)} so far
              <span className="block text-xs text-slate-500" data-testid="overage-projected">
                about {formatMoney(projectedTotal, summary.currency)} by {formatDate(summary.periodEnd)} at this pace
              </span>
            </dd>
          </div>
        </dl>
        {warnings.length > 0 && (
          <div className="mt-4">
            <Notice tone={warnings.some((r) => r.metric.used >= (r.metric.included ?? Infinity)) ? 'error' : 'warning'}>
              {warnings
                .map((r) => `${metricLabel(r.metric.metric)}: ${Math.floor(r.metric.percentUsed ?? 0)}%`)
                .join(' · ')}{' '}
              of what your plan includes is used.
            </Notice>
          </div>
        )}
      </Card>

      {rows.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-500" data-testid="no-usage">
            Nothing is metered on your plan yet.
          </p>
        </Card>
      ) : (
        <ul className="grid gap-6 md:grid-cols-2" aria-label="Usage by metric">
          {rows.map((row) => (
            <li key={row.metric.metric}>
              <UsageMetricCard
                {...row}
                periodEnd={summary.periodEnd}
                elapsedDays={elapsedDays}
                totalDays={totalDays}
                days={dailySeries(daily[row.metric.metric] ?? [], summary.periodStart, summary.periodEnd, now)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function projectedOverageOf(metric: Metric, projected: number) {
  return projectedOverage({ projected, included: metric.included, overageUnitPrice: metric.overageUnitPrice });
}
