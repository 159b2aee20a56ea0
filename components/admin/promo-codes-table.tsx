'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { PromoCodeOutput } from '@/server/routers/admin/promo-codes.schemas';
import { useTRPC } from '../trpc/client';
import { Button, buttonClass } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { ConfirmDialog } from './confirm-dialog';
import { discountLabel, durationLabel, promoStatus } from './promo-labels';
import { SearchBox, SortHeader, useSearchSort } from './table-bits';

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('en-US', { timeZone: 'UTC' }) : '—');
const STATUS_STYLE: Record<string, string> = {
  active: 'bg-emerald-100 text-emerald-800',
  scheduled: 'bg-sky-100 text-sky-800',
};

/** Every promo code: search, sort, and deactivate (after a confirmation). */
export function PromoCodesTable({
  initialCodes,
  planNames,
}: {
  initialCodes: PromoCodeOutput[];
  planNames: Record<string, string>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const codes = useQuery(trpc.admin.promoCodes.list.queryOptions(undefined, { initialData: initialCodes }));
  const [confirming, setConfirming] = useState<PromoCodeOutput | null>(null);
  const deactivate = useMutation(
    trpc.admin.promoCodes.deactivate.mutationOptions({
      onSuccess: () => {
        setConfirming(null);
        return queryClient.invalidateQueries({ queryKey: trpc.admin.promoCodes.list.queryKey() });
      },
    }),
  );
  const table = useSearchSort(codes.data, {
    text: (p) => `${p.code} ${p.description ?? ''}`,
    sorts: {
      code: (p) => p.code,
      redeemed: (p) => p.timesRedeemed,
      until: (p) => p.validUntil ?? '9999',
      status: (p) => promoStatus(p),
    },
    initial: 'code',
  });

  return (
    <Card
      title="Promo codes"
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <SearchBox id="promo-search" label="Search promo codes" value={table.query} onChange={table.setQuery} />
          <Link href="/admin/promo-codes/new" className={buttonClass('primary')}>
            New promo code
          </Link>
        </div>
      }
    >
      {codes.error && <Notice tone="error">Could not refresh the codes: {codes.error.message}</Notice>}
      {table.visible.length === 0 ? (
        <p className="text-sm text-slate-500">
          {codes.data.length === 0 ? 'No promo codes yet.' : 'No code matches this search.'}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Promo codes">
            <thead className="text-xs text-slate-500">
              <tr>
                <SortHeader label="Code" column="code" state={table} />
                <th className="py-2 pr-4 uppercase">Discount</th>
                <th className="py-2 pr-4 uppercase">For</th>
                <SortHeader label="Redeemed" column="redeemed" state={table} />
                <SortHeader label="Valid until" column="until" state={table} />
                <SortHeader label="Status" column="status" state={table} />
                <th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {table.visible.map((p) => {
                const status = promoStatus(p);
                return (
                  <tr key={p.id} className="border-t border-slate-100 align-top">
                    <td className="py-2 pr-4">
                      <div className="font-mono font-medium">{p.code}</div>
                      {p.description && <div className="text-xs text-slate-500">{p.description}</div>}
                    </td>
                    <td className="py-2 pr-4">
                      {discountLabel(p)} <span className="text-xs text-slate-500">{durationLabel(p)}</span>
                    </td>
                    <td className="py-2 pr-4 text-xs">
                      {p.planIds.length ? p.planIds.map((id) => planNames[id] ?? id).join(', ') : 'All plans'}
                      {p.billingCycle && `, ${p.billingCycle} only`}
                      {p.firstTimeOnly && ', first purchase only'}
                      {p.oncePerOrganization && ', once per organization'}
                    </td>
                    <td className="py-2 pr-4 tabular-nums">
                      {p.timesRedeemed}
                      {p.maxRedemptions !== null && ` / ${p.maxRedemptions}`}
                    </td>
                    <td className="py-2 pr-4 text-xs">{day(p.validUntil)}</td>
                    <td className="py-2 pr-4">
                      <span
                        className={`rounded px-1.5 text-xs ${STATUS_STYLE[status] ?? 'bg-slate-200 text-slate-700'}`}
                      >
                        {status}
                      </span>
                    </td>
                    <td className="py-2 text-right whitespace-nowrap">
                      <Link href={`/admin/promo-codes/${p.id}`} className={buttonClass('ghost', 'text-xs')}>
                        Edit<span className="sr-only"> {p.code}</span>
                      </Link>
                      {p.isActive && (
                        <Button variant="secondary" className="text-xs" onClick={() => setConfirming(p)}>
                          Deactivate<span className="sr-only"> {p.code}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Deactivate ${confirming.code}?`}
          confirmLabel="Deactivate code"
          pendingLabel="Deactivating…"
          pending={deactivate.isPending}
          error={deactivate.error?.message}
          onConfirm={() => deactivate.mutate({ id: confirming.id })}
          onCancel={() => (setConfirming(null), deactivate.reset())}
        >
          <p>Nobody can redeem it any more, here or in Stripe. Discounts already given run their course.</p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
