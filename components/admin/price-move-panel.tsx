'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatMoney } from '@/server/billing/money';
import type { AdminPlanOutput } from '@/server/routers/admin/plans.schemas';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { ConfirmDialog } from './confirm-dialog';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Move subscribers to the current price": preview how many organizations change, confirm, then move. */
export function PriceMovePanel({ plan }: { plan: AdminPlanOutput }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const preview = useQuery({
    ...trpc.admin.plans.previewPriceMove.queryOptions({ planId: plan.id }),
    enabled: open,
    staleTime: 0,
  });
  const move = useMutation(
    trpc.admin.plans.movePriceSubscribers.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.plans.get.queryKey({ id: plan.id }) });
        void queryClient.invalidateQueries({ queryKey: trpc.admin.plans.list.queryKey() });
      },
    }),
  );
  const movable = preview.data?.movable ?? 0;

  return (
    <Card title="Subscribers on older prices">
      <p className="text-sm text-slate-600">
        {plan.subscribersOnOldPrices > 0
          ? `${plural(plan.subscribersOnOldPrices, 'organization')} pay a price that is no longer on sale.`
          : 'Every subscriber pays the current price.'}
      </p>
      {move.data && (
        <div className="mt-3">
          <Notice tone={move.data.failed.length ? 'warning' : 'info'}>
            Moved {plural(move.data.moved, 'organization')}.
            {move.data.failed.map((f) => ` ${f.organizationId}: ${f.message}`).join(' ')}
          </Notice>
        </div>
      )}
      <div className="mt-3">
        <Button
          variant="secondary"
          onClick={() => (move.reset(), setOpen(true))}
          disabled={plan.subscribersOnOldPrices === 0}
        >
          Move subscribers to the current price
        </Button>
      </div>
      {open && (
        <ConfirmDialog
          title="Move subscribers to the current price?"
          confirmLabel={`Move ${plural(movable, 'organization')}`}
          pendingLabel="Moving…"
          tone="primary"
          pending={move.isPending || preview.isFetching}
          error={move.error?.message ?? preview.error?.message}
          onConfirm={() => movable > 0 && move.mutate({ planId: plan.id, expectedCount: movable })}
          onCancel={() => setOpen(false)}
        >
          {preview.isLoading && <p>Counting the organizations that would change…</p>}
          {preview.data && (
            <>
              <p data-testid="price-move-count">{plural(movable, 'organization')} will change price.</p>
              <ul className="list-disc pl-5">
                {preview.data.groups.map((g) => (
                  <li key={`${g.currency}-${g.billingCycle}`}>
                    {g.billingCycle}, {g.currency.toUpperCase()}: {plural(g.organizations, 'organization')} from{' '}
                    {g.fromAmounts.map((a) => formatMoney(a, g.currency)).join(' / ')} to{' '}
                    {g.toAmount === null ? 'nothing (no longer sold; they stay)' : formatMoney(g.toAmount, g.currency)}
                    {g.scheduled > 0 && ` (${g.scheduled} with a scheduled change stay as they are)`}
                  </li>
                ))}
              </ul>
              <p>Proration is off: nothing is charged now, and the new price applies from each renewal.</p>
            </>
          )}
        </ConfirmDialog>
      )}
    </Card>
  );
}
