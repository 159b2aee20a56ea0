import type { ReactNode } from 'react';
import { formatMoney } from '@/server/billing/money';
import type { PlanOutput } from '@/server/routers/plans.schemas';
import type { BillingCycle } from './billing-cycle-toggle';
import { featureIncluded, featureLabel, limitLabel, overageLabel } from './labels';

/** One plan: price for the chosen cycle, what is included, and what overage costs. */
export function PlanCard({ plan, cycle, action }: { plan: PlanOutput; cycle: BillingCycle; action?: ReactNode }) {
  const price = cycle === 'monthly' ? plan.priceMonthly : plan.priceYearly;
  const monthlyEquivalent = cycle === 'yearly' && plan.priceYearly !== null ? Math.round(plan.priceYearly / 12) : null;
  const savings =
    cycle === 'yearly' && plan.priceMonthly !== null && plan.priceYearly !== null
      ? plan.priceMonthly * 12 - plan.priceYearly
      : 0;
  return (
    <article
      data-testid={`plan-${plan.name}`}
      className="flex h-full flex-col rounded-2xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 className="text-lg font-semibold">{plan.displayName}</h2>
      {plan.description && <p className="mt-1 text-sm text-slate-600">{plan.description}</p>}
      <p className="mt-4">
        {price === null ? (
          <span className="text-slate-500">Not available {cycle}</span>
        ) : (
          <>
            <span className="text-3xl font-bold" data-testid="price">
              {formatMoney(price, plan.currency)}
            </span>
            <span className="text-sm text-slate-500"> / {cycle === 'monthly' ? 'month' : 'year'}</span>
          </>
        )}
      </p>
      {monthlyEquivalent !== null && (
        <p className="text-xs text-slate-500">
          {formatMoney(monthlyEquivalent, plan.currency)} / month billed yearly
          {savings > 0 && <> · save {formatMoney(savings, plan.currency)}</>}
        </p>
      )}
      {plan.trialDays > 0 && <p className="mt-1 text-xs text-emerald-700">{plan.trialDays}-day free trial</p>}
      <h3 className="mt-6 text-xs font-semibold tracking-wide text-slate-500 uppercase">Limits</h3>
      <ul className="mt-2 space-y-1 text-sm">
        {plan.limits.map((limit) => (
          <li key={limit.id}>
            {limitLabel(limit)}
            {overageLabel(limit, plan.currency) && (
              <span className="text-slate-500">, {overageLabel(limit, plan.currency)}</span>
            )}
          </li>
        ))}
      </ul>
      <h3 className="mt-6 text-xs font-semibold tracking-wide text-slate-500 uppercase">Features</h3>
      <ul className="mt-2 flex-1 space-y-1 text-sm">
        {plan.features.map((feature) => (
          <li
            key={feature.id}
            className={
              featureIncluded(feature) ? (feature.isHighlighted ? 'font-medium' : '') : 'text-slate-400 line-through'
            }
          >
            <span aria-hidden>{featureIncluded(feature) ? '✓ ' : '✗ '}</span>
            {featureLabel(feature)}
          </li>
        ))}
      </ul>
      {action && <div className="mt-6">{action}</div>}
    </article>
  );
}
