import { formatMoney, formatUnitPrice } from '@/server/billing/money';
import { Badge } from '../ui/badge';
import { formatDate, formatNumber, metricLabel } from './format';
import type { Entitlements, UsageSummary } from './types';
import { UsageChart } from './usage-chart';
import { barPercent, usageLevel, type UsageLevel } from './usage-math';

type Metric = UsageSummary['metrics'][number];
type Limit = Entitlements['limits'][number];

const BAR: Record<UsageLevel, string> = {
  unlimited: 'bg-sky-500',
  ok: 'bg-emerald-500',
  warning: 'bg-amber-500',
  reached: 'bg-red-500',
  over: 'bg-red-600',
};

/** "Notifications" → "notifications", but "API requests" stays as it is. */
const inSentence = (label: string) =>
  /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;

/** One metric: used against included as a bar, the 80% and 100% warnings, the projection and the daily trend. */
export function UsageMetricCard({
  metric,
  limit,
  usageType,
  projected,
  overage,
  amount,
  periodEnd,
  elapsedDays,
  totalDays,
  days,
}: {
  metric: Metric;
  limit: Limit | undefined;
  usageType: string;
  projected: number;
  overage: number;
  amount: number;
  periodEnd: string;
  elapsedDays: number;
  totalDays: number;
  days: Array<{ day: string; quantity: number }>;
}) {
  const label = metricLabel(metric.metric);
  const unit = inSentence(label);
  const level = usageLevel(metric.used, metric.included);
  const hard = limit?.enforcement === 'hard';
  const price = metric.overageUnitPrice ? formatUnitPrice(metric.overageUnitPrice, metric.currency) : null;
  const percent = metric.percentUsed === null ? null : Math.round(metric.percentUsed);
  const early = usageType === 'counter' && elapsedDays < 3;
  return (
    <section
      aria-label={label}
      data-testid={`usage-${metric.metric}`}
      className="h-full space-y-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <header className="flex items-start justify-between gap-2">
        <h2 className="font-semibold">{label}</h2>
        {level === 'warning' && <Badge tone="warning">Over 80%</Badge>}
        {level === 'reached' && <Badge tone="danger">Limit reached</Badge>}
        {level === 'over' && <Badge tone="danger">Over the limit</Badge>}
        {level === 'unlimited' && <Badge tone="info">Unlimited</Badge>}
      </header>
      <p className="text-sm">
        <strong className="text-lg">{formatNumber(metric.used)}</strong>{' '}
        {metric.included === null ? (
          <span className="text-slate-600">used · no limit on your plan</span>
        ) : (
          <span className="text-slate-600">
            of {formatNumber(metric.included)} included{percent !== null && ` (${percent}%)`}
          </span>
        )}
      </p>
      {metric.included !== null && (
        <div
          role="meter"
          aria-label={`${label} used`}
          aria-valuemin={0}
          aria-valuemax={Math.max(metric.included, 1)}
          aria-valuenow={Math.min(metric.used, Math.max(metric.included, 1))}
          aria-valuetext={`${formatNumber(metric.used)} of ${formatNumber(metric.included)}`}
          className="relative h-3 overflow-hidden rounded-full bg-slate-200"
        >
          <div className={`h-full ${BAR[level]}`} style={{ width: `${barPercent(metric.used, metric.included)}%` }} />
          <div aria-hidden className="absolute inset-y-0 left-[80%] w-px bg-slate-500/60" />
        </div>
      )}
      {level === 'warning' && (
        <p className="text-sm text-amber-800" role="note">
          You have used {percent}% of the {unit} your plan includes.
        </p>
      )}
      {(level === 'reached' || level === 'over') && (
        <p className="text-sm text-red-800" role="note">
          {level === 'over'
            ? `You are ${formatNumber(metric.overage)} ${unit} over your plan.`
            : `You have used all the ${unit} your plan includes.`}{' '}
          {hard
            ? 'More is refused until the period renews, or upgrade your plan.'
            : price
              ? `Each one more costs ${price}${metric.overageAmount > 0 ? `: ${formatMoney(metric.overageAmount, metric.currency)} so far` : ''}.`
              : ''}
        </p>
      )}
      <p className="text-sm text-slate-600" data-testid="projection">
        {usageType === 'counter' ? (
          <>
            At this pace: about <strong>{formatNumber(projected)}</strong> by {formatDate(periodEnd)}
          </>
        ) : (
          <>Counted as the current number, not a running total</>
        )}
        {metric.included !== null && (
          <>
            {' — '}
            {overage > 0 ? (
              price ? (
                <>
                  about <strong>{formatMoney(amount, metric.currency)}</strong> in extra charges (
                  {formatNumber(overage)} over, {price} each).
                </>
              ) : (
                <>more than your plan allows{hard ? ': further use will be refused' : ''}.</>
              )
            ) : (
              <>within your plan.</>
            )}
          </>
        )}
        {early && (
          <span className="block text-xs text-slate-500">
            An early estimate from the first {elapsedDays < 1 ? 'day' : `${Math.ceil(elapsedDays)} days`} of the period:
            it settles as the period goes on.
          </span>
        )}
      </p>
      <UsageChart label={label} unit={unit} days={days} slots={totalDays} periodEnd={periodEnd} />
    </section>
  );
}
