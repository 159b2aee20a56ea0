'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { formatMoney } from '@/server/billing/money';
import type { BillingCycle } from '../pricing/billing-cycle-toggle';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { useToast } from '../ui/toast';
import { formatDate, formatPeriod, perCycle } from './format';
import type { Plan, Subscription } from './types';
import { errorMessage, useBillingRefresh } from './use-billing-action';

/**
 * Confirms a plan or cycle change with Stripe's own preview: what is due now (prorated), the lines, and
 * the next invoice. The preview's proration date goes with the change, so the charge equals the preview.
 */
export function ChangeConfirmation({
  plan,
  cycle,
  subscription,
  back,
}: {
  plan: Plan;
  cycle: BillingCycle;
  subscription: Subscription;
  back: ReactNode;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const refresh = useBillingRefresh();
  const preview = useQuery(
    trpc.subscriptions.previewChange.queryOptions(
      { planId: plan.id, billingCycle: cycle },
      { retry: false, staleTime: 0, gcTime: 0, refetchOnMount: 'always' },
    ),
  );
  const change = useMutation(
    trpc.subscriptions.changePlan.mutationOptions({
      onSuccess: async (sub) => {
        toast.success(
          sub.pendingChange
            ? `Your plan changes to ${sub.pendingChange.plan?.displayName ?? plan.displayName} on ${formatDate(sub.pendingChange.effectiveAt)}.`
            : `You are now on ${sub.plan.displayName}.`,
        );
        await refresh();
        router.push('/billing');
      },
      onError: async (error) => {
        toast.error(errorMessage(error));
        // An expired preview is refused: show a fresh one.
        await preview.refetch();
      },
    }),
  );
  const data = preview.data;
  const target = `${plan.displayName}, billed ${cycle}`;

  return (
    <Card title={`Change to ${plan.displayName}`} actions={back}>
      <div className="space-y-5" data-testid="change-confirmation">
        <p className="text-sm text-slate-600">
          From <strong>{subscription.plan.displayName}</strong> (
          {formatMoney(subscription.unitAmount, subscription.currency)} / {perCycle(subscription.billingCycle)}) to{' '}
          <strong>{target}</strong> (
          {formatMoney((cycle === 'monthly' ? plan.priceMonthly : plan.priceYearly) ?? 0, plan.currency)} /{' '}
          {perCycle(cycle)}).
        </p>
        {preview.isPending && (
          <p role="status" className="text-sm text-slate-500">
            Calculating the exact amounts…
          </p>
        )}
        {preview.isError && (
          <div className="space-y-2">
            <Notice tone="error">{errorMessage(preview.error)}</Notice>
            <Button variant="secondary" onClick={() => preview.refetch()}>
              Try again
            </Button>
          </div>
        )}
        {data && (
          <>
            {data.kind === 'upgrade' ? (
              <Notice>
                This is an upgrade: it starts now. You are charged the difference for the rest of the current period,
                less what is left of your current plan.
              </Notice>
            ) : (
              <Notice>
                This is a downgrade: nothing is charged now. You keep {subscription.plan.displayName} until{' '}
                <strong>{formatDate(data.effectiveAt)}</strong>, then {plan.displayName} starts. You can undo it until
                then.
              </Notice>
            )}
            <dl className="grid gap-3 text-sm sm:grid-cols-3" data-testid="change-preview">
              <div>
                <dt className="text-xs text-slate-500 uppercase">Due now</dt>
                <dd className="text-xl font-semibold" data-testid="due-now">
                  {formatMoney(data.dueNow, data.currency)}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500 uppercase">Takes effect</dt>
                <dd>{data.kind === 'upgrade' ? 'Now' : formatDate(data.effectiveAt)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500 uppercase">Next invoice</dt>
                <dd data-testid="next-invoice">
                  {formatMoney(data.nextInvoiceAmount, data.currency)}
                  {data.nextInvoiceAt && <> on {formatDate(data.nextInvoiceAt)}</>}
                </dd>
              </div>
            </dl>
            {data.lines.length > 0 && (
              <div className="overflow-x-auto">
                <table
                  className="w-full text-left text-sm"
                  aria-label={data.kind === 'upgrade' ? 'Charged now' : 'Next invoice'}
                >
                  <thead className="text-xs text-slate-500 uppercase">
                    <tr>
                      <th className="py-2 pr-4">{data.kind === 'upgrade' ? 'Charged now' : 'Next invoice'}</th>
                      <th className="py-2 pr-4">Period</th>
                      <th className="py-2 text-right">Amount</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.lines.map((line, index) => (
                      <tr key={index} className="border-t border-slate-100">
                        <td className="py-2 pr-4">
                          {line.description ?? 'Subscription'}
                          {line.proration && <span className="ml-2 text-xs text-slate-500">(prorated)</span>}
                        </td>
                        <td className="py-2 pr-4 text-xs">{formatPeriod(line.periodStart, line.periodEnd)}</td>
                        <td className="py-2 text-right tabular-nums">{formatMoney(line.amount, line.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
              <Button
                onClick={() =>
                  change.mutate({ planId: plan.id, billingCycle: cycle, prorationDate: data.prorationDate })
                }
                disabled={change.isPending || preview.isFetching}
              >
                {change.isPending
                  ? 'Changing…'
                  : data.kind === 'upgrade'
                    ? `Confirm upgrade and pay ${formatMoney(data.dueNow, data.currency)}`
                    : 'Confirm downgrade'}
              </Button>
              {data.kind === 'upgrade' && (
                <p className="text-xs text-slate-500">Charged at once to your default card.</p>
              )}
            </div>
          </>
        )}
      </div>
    </Card>
  );
}
