'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { AdminPlanOutput } from '@/server/routers/admin/plans.schemas';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Notice } from '../ui/card';
import { ConfirmDialog } from './confirm-dialog';
import { FeaturesEditor } from './features-editor';
import { LimitsEditor } from './limits-editor';
import { PlanForm } from './plan-form';
import { PriceMovePanel } from './price-move-panel';

/** One plan: details and prices, limits, features, price moves, archive and restore. */
export function PlanEditor({ initialPlan }: { initialPlan: AdminPlanOutput }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: plan } = useQuery(
    trpc.admin.plans.get.queryOptions({ id: initialPlan.id }, { initialData: initialPlan }),
  );
  const [confirming, setConfirming] = useState(false);
  const onChanged = (saved: AdminPlanOutput) => {
    setConfirming(false);
    queryClient.setQueryData(trpc.admin.plans.get.queryKey({ id: saved.id }), saved);
    void queryClient.invalidateQueries({ queryKey: trpc.admin.plans.list.queryKey() });
  };
  const archive = useMutation(trpc.admin.plans.archive.mutationOptions({ onSuccess: onChanged }));
  const restore = useMutation(trpc.admin.plans.restore.mutationOptions({ onSuccess: onChanged }));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href="/admin/plans" className="text-sm text-slate-500 hover:text-slate-900">
            ← All plans
          </Link>
          <h2 className="text-xl font-semibold">{plan.displayName}</h2>
          <p className="text-xs text-slate-500">
            {plan.isActive ? 'On sale' : 'Archived'} · {plan.isPublic ? 'public' : 'private'} · {plan.subscribers}{' '}
            subscriber{plan.subscribers === 1 ? '' : 's'}
            {plan.stripeProductId && (
              <>
                {' '}
                · Stripe product <code>{plan.stripeProductId}</code>
              </>
            )}
          </p>
        </div>
        {plan.isActive ? (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Archive plan
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => restore.mutate({ id: plan.id })} disabled={restore.isPending}>
            {restore.isPending ? 'Restoring…' : 'Restore plan'}
          </Button>
        )}
      </div>
      {!plan.inStripe && (
        <Notice tone="warning">
          This plan is not fully in Stripe yet (Stripe could not be reached). Save the details again to retry.
        </Notice>
      )}
      {restore.error && <Notice tone="error">{restore.error.message}</Notice>}
      <PlanForm plan={plan} />
      <LimitsEditor plan={plan} />
      <FeaturesEditor plan={plan} />
      <PriceMovePanel plan={plan} />
      {confirming && (
        <ConfirmDialog
          title={`Archive ${plan.displayName}?`}
          confirmLabel="Archive plan"
          pendingLabel="Archiving…"
          pending={archive.isPending}
          error={archive.error?.message}
          onConfirm={() => archive.mutate({ id: plan.id })}
          onCancel={() => (setConfirming(false), archive.reset())}
        >
          <p>It leaves the pricing page and can no longer be bought; its Stripe product is archived too.</p>
          <p>Its subscribers keep it: renewals, changes and cancellations work as before.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
