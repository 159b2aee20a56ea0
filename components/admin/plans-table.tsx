'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { formatMoney } from '@/server/billing/money';
import type { AdminPlanOutput } from '@/server/routers/admin/plans.schemas';
import { useTRPC } from '../trpc/client';
import { Button, buttonClass } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { ConfirmDialog } from './confirm-dialog';
import { SearchBox, SortHeader, useSearchSort } from './table-bits';

const price = (amount: number | null, currency: string) => (amount === null ? '—' : formatMoney(amount, currency));

/** Every plan, archived and private ones too: search, sort, reorder, archive and restore. */
export function PlansTable({ initialPlans }: { initialPlans: AdminPlanOutput[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const plans = useQuery(trpc.admin.plans.list.queryOptions(undefined, { initialData: initialPlans }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.plans.list.queryKey() });
  const [archiving, setArchiving] = useState<AdminPlanOutput | null>(null);
  const reorder = useMutation(trpc.admin.plans.reorder.mutationOptions({ onSuccess: refresh }));
  const archive = useMutation(
    trpc.admin.plans.archive.mutationOptions({ onSuccess: () => (setArchiving(null), refresh()) }),
  );
  const restore = useMutation(trpc.admin.plans.restore.mutationOptions({ onSuccess: refresh }));
  const table = useSearchSort(plans.data, {
    text: (p) => `${p.name} ${p.displayName} ${p.description ?? ''}`,
    sorts: {
      order: (p) => p.sortOrder,
      name: (p) => p.displayName,
      monthly: (p) => p.priceMonthly ?? -1,
      subscribers: (p) => p.subscribers,
    },
    initial: 'order',
  });
  const ordered = [...plans.data].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  const move = (plan: AdminPlanOutput, by: -1 | 1) => {
    const ids = ordered.map((p) => p.id);
    const from = ids.indexOf(plan.id);
    const to = from + by;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    reorder.mutate({ planIds: ids });
  };
  const busy = reorder.isPending || restore.isPending;

  return (
    <Card
      title="Plans"
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <SearchBox id="plan-search" label="Search plans" value={table.query} onChange={table.setQuery} />
          <Link href="/admin/plans/new" className={buttonClass('primary')}>
            New plan
          </Link>
        </div>
      }
    >
      {plans.error && <Notice tone="error">Could not refresh the plans: {plans.error.message}</Notice>}
      {(reorder.error ?? restore.error) && <Notice tone="error">{(reorder.error ?? restore.error)!.message}</Notice>}
      {table.visible.length === 0 ? (
        <p className="text-sm text-slate-500">
          {plans.data.length === 0 ? 'No plans yet. Create the first one.' : 'No plan matches this search.'}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Plans">
            <thead className="text-xs text-slate-500">
              <tr>
                <SortHeader label="Order" column="order" state={table} />
                <SortHeader label="Plan" column="name" state={table} />
                <SortHeader label="Monthly" column="monthly" state={table} />
                <th className="py-2 pr-4 uppercase">Yearly</th>
                <SortHeader label="Subscribers" column="subscribers" state={table} />
                <th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {table.visible.map((plan) => (
                <tr key={plan.id} className="border-t border-slate-100 align-top">
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <span className="mr-2 tabular-nums">{plan.sortOrder}</span>
                    <button
                      type="button"
                      aria-label={`Move ${plan.displayName} up`}
                      onClick={() => move(plan, -1)}
                      disabled={busy || ordered[0]?.id === plan.id}
                      className="px-1 text-slate-500 hover:text-slate-900 disabled:opacity-30"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label={`Move ${plan.displayName} down`}
                      onClick={() => move(plan, 1)}
                      disabled={busy || ordered[ordered.length - 1]?.id === plan.id}
                      className="px-1 text-slate-500 hover:text-slate-900 disabled:opacity-30"
                    >
                      ↓
                    </button>
                  </td>
                  <td className="py-2 pr-4">
                    <div className="font-medium">{plan.displayName}</div>
                    <div className="font-mono text-xs text-slate-500">{plan.name}</div>
                    <div className="mt-1 flex flex-wrap gap-1 text-xs">
                      {!plan.isActive && <span className="rounded bg-slate-200 px-1.5">archived</span>}
                      {!plan.isPublic && <span className="rounded bg-violet-100 px-1.5 text-violet-800">private</span>}
                      {!plan.inStripe && (
                        <span className="rounded bg-amber-100 px-1.5 text-amber-900">not yet in Stripe</span>
                      )}
                    </div>
                  </td>
                  <td className="py-2 pr-4 tabular-nums">{price(plan.priceMonthly, plan.currency)}</td>
                  <td className="py-2 pr-4 tabular-nums">{price(plan.priceYearly, plan.currency)}</td>
                  <td className="py-2 pr-4 tabular-nums">
                    {plan.subscribers}
                    {plan.subscribersOnOldPrices > 0 && (
                      <div className="text-xs text-amber-800">{plan.subscribersOnOldPrices} on older prices</div>
                    )}
                  </td>
                  <td className="py-2 text-right whitespace-nowrap">
                    <Link href={`/admin/plans/${plan.id}`} className={buttonClass('ghost', 'text-xs')}>
                      Edit<span className="sr-only"> {plan.displayName}</span>
                    </Link>
                    {plan.isActive ? (
                      <Button variant="secondary" className="text-xs" onClick={() => setArchiving(plan)}>
                        Archive<span className="sr-only"> {plan.displayName}</span>
                      </Button>
                    ) : (
                      <Button
                        variant="secondary"
                        className="text-xs"
                        onClick={() => restore.mutate({ id: plan.id })}
                        disabled={restore.isPending}
                      >
                        Restore<span className="sr-only"> {plan.displayName}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {archiving && (
        <ConfirmDialog
          title={`Archive ${archiving.displayName}?`}
          confirmLabel="Archive plan"
          pendingLabel="Archiving…"
          pending={archive.isPending}
          error={archive.error?.message}
          onConfirm={() => archive.mutate({ id: archiving.id })}
          onCancel={() => (setArchiving(null), archive.reset())}
        >
          <p>It leaves the pricing page and can no longer be bought; its Stripe product is archived too.</p>
          <p>
            Its {archiving.subscribers} subscriber{archiving.subscribers === 1 ? '' : 's'} keep it: renewals, changes
            and cancellations work as before. You can restore it later.
          </p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
