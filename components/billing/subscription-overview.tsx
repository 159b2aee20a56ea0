'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { lazyComponent } from '../ui/lazy';
import Link from 'next/link';
import { useState } from 'react';
import { formatMoney } from '@/server/billing/money';
import { useTRPC } from '../trpc/client';
import { Badge } from '../ui/badge';
import { Button, buttonClass } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { useToast } from '../ui/toast';
import { cardLabel, cycleLabel, formatDate, formatPeriod, perCycle, SUBSCRIPTION_STATUS } from './format';
import type { Invoice, PaymentMethod, Subscription } from './types';
import { errorMessage, useBillingRefresh } from './use-billing-action';

// Shown only after a failed payment, or when cancelling: not part of every overview's first load.
const Dialog = lazyComponent(() => import('../ui/dialog').then((m) => m.Dialog));
const PastDueBanner = lazyComponent(() => import('./past-due-banner').then((m) => m.PastDueBanner));

const ENDED = new Set(['canceled', 'incomplete_expired']);

/** The organization's plan: status, period, renewal, pending cancel or downgrade (with undo), cancel. */
export function SubscriptionOverview({
  initialSubscription,
  initialInvoiceToSettle,
  initialCards,
  canManage,
}: {
  initialSubscription: Subscription | null;
  initialInvoiceToSettle: Invoice | null;
  initialCards: PaymentMethod[];
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useBillingRefresh();
  const subscriptionQuery = useQuery(
    trpc.subscriptions.current.queryOptions(undefined, { initialData: initialSubscription }),
  );
  const invoiceToSettle = useQuery(
    trpc.invoices.toSettle.queryOptions(undefined, { initialData: initialInvoiceToSettle }),
  );
  const cards = useQuery(trpc.paymentMethods.list.queryOptions(undefined, { initialData: initialCards }));
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [endNow, setEndNow] = useState(false);
  const closeCancel = () => {
    setConfirmCancel(false);
    setEndNow(false);
  };

  const onError = (error: unknown) => toast.error(errorMessage(error));
  const cancel = useMutation(
    trpc.subscriptions.cancel.mutationOptions({
      onSuccess: async (sub) => {
        closeCancel();
        toast.success(
          sub.status === 'canceled'
            ? `Your ${sub.plan.displayName} subscription has ended.`
            : `Your subscription will end on ${formatDate(sub.currentPeriodEnd)}.`,
        );
        await refresh();
      },
      onError,
    }),
  );
  const resume = useMutation(
    trpc.subscriptions.resume.mutationOptions({
      onSuccess: async (sub) => {
        toast.success(`Subscription resumed: ${sub.plan.displayName} renews on ${formatDate(sub.currentPeriodEnd)}.`);
        await refresh();
      },
      onError,
    }),
  );
  const undoChange = useMutation(
    trpc.subscriptions.cancelPendingChange.mutationOptions({
      onSuccess: async (sub) => {
        toast.success(`Plan change undone: you stay on ${sub.plan.displayName}.`);
        await refresh();
      },
      onError,
    }),
  );
  const busy = cancel.isPending || resume.isPending || undoChange.isPending;

  const sub = subscriptionQuery.data;
  const defaultCard = cards.data.find((card) => card.isDefault) ?? null;

  if (!sub || ENDED.has(sub.status)) {
    return (
      <Card title="Current plan">
        <div data-testid="no-subscription" className="space-y-2 text-sm">
          {sub ? (
            <p>
              Your {sub.plan.displayName} subscription ended on {formatDate(sub.canceledAt ?? sub.currentPeriodEnd)}.
            </p>
          ) : (
            <p>Your organization has no plan yet.</p>
          )}
          <p className="text-slate-600">
            {canManage
              ? 'Choose a plan to get started: you can change or cancel it at any time.'
              : 'A billing manager or an admin can choose a plan.'}
          </p>
          {canManage && (
            <Link href="/billing/plans" className={buttonClass('secondary')}>
              See plans
            </Link>
          )}
        </div>
      </Card>
    );
  }

  const status = SUBSCRIPTION_STATUS[sub.status];
  const ending = sub.cancelAtPeriodEnd;
  return (
    <div className="space-y-4">
      {(sub.status === 'past_due' || sub.status === 'unpaid') && (
        <PastDueBanner subscription={sub} invoice={invoiceToSettle.data} canManage={canManage} />
      )}
      <Card
        title="Current plan"
        actions={
          <Badge tone={ending ? 'warning' : status.tone} testId="subscription-status">
            {ending ? 'Ending' : status.label}
          </Badge>
        }
      >
        <div className="space-y-4" data-testid="current-plan">
          <div>
            <p className="text-2xl font-bold" data-testid="current-plan-name">
              {sub.plan.displayName}
            </p>
            <p className="text-sm text-slate-600">
              {formatMoney(sub.unitAmount, sub.currency)} / {perCycle(sub.billingCycle)} · billed{' '}
              {cycleLabel(sub.billingCycle).toLowerCase()}
            </p>
          </div>
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-xs text-slate-500 uppercase">Current period</dt>
              <dd>{formatPeriod(sub.currentPeriodStart, sub.currentPeriodEnd)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500 uppercase">{ending ? 'Ends on' : 'Renews on'}</dt>
              <dd data-testid="renewal-date">{formatDate(sub.currentPeriodEnd)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500 uppercase">Pays with</dt>
              <dd>
                {defaultCard ? (
                  cardLabel(defaultCard)
                ) : (
                  <Link href="/billing/payment-methods" className="text-sky-700 underline">
                    No card on file
                  </Link>
                )}
              </dd>
            </div>
            {sub.status === 'trialing' && sub.trialEndsAt && (
              <div>
                <dt className="text-xs text-slate-500 uppercase">Trial ends</dt>
                <dd>{formatDate(sub.trialEndsAt)}</dd>
              </div>
            )}
          </dl>

          {ending && (
            <div data-testid="cancel-notice" className="space-y-2">
              <Notice tone="warning">
                Your subscription is set to end on <strong>{formatDate(sub.currentPeriodEnd)}</strong>. You keep every
                feature until then, and nothing more is charged.
              </Notice>
              {canManage && (
                <Button onClick={() => resume.mutate(undefined)} disabled={busy}>
                  {resume.isPending ? 'Resuming…' : 'Resume subscription'}
                </Button>
              )}
            </div>
          )}

          {sub.pendingChange && !ending && (
            <div data-testid="pending-change" className="space-y-2">
              <Notice>
                Changes to <strong>{sub.pendingChange.plan?.displayName ?? 'another plan'}</strong> (
                {cycleLabel(sub.pendingChange.billingCycle).toLowerCase()}) on{' '}
                <strong>{formatDate(sub.pendingChange.effectiveAt)}</strong>. Until then you keep {sub.plan.displayName}
                .
              </Notice>
              {canManage && (
                <Button variant="secondary" onClick={() => undoChange.mutate(undefined)} disabled={busy}>
                  {undoChange.isPending ? 'Undoing…' : 'Undo plan change'}
                </Button>
              )}
            </div>
          )}

          {canManage && !ending && (
            <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-4">
              <Link href="/billing/plans" className={buttonClass('secondary')}>
                Change plan
              </Link>
              <Button variant="ghost" onClick={() => setConfirmCancel(true)} disabled={busy}>
                Cancel subscription
              </Button>
            </div>
          )}
        </div>
      </Card>

      {confirmCancel && (
        <Dialog
          title="Cancel your subscription?"
          onClose={closeCancel}
          busy={cancel.isPending}
          actions={
            <>
              <Button variant="secondary" onClick={closeCancel} disabled={cancel.isPending}>
                Keep subscription
              </Button>
              <Button
                variant="danger"
                onClick={() => cancel.mutate({ immediately: endNow })}
                disabled={cancel.isPending}
              >
                {cancel.isPending ? 'Canceling…' : endNow ? 'End subscription now' : 'Cancel at period end'}
              </Button>
            </>
          }
        >
          {endNow ? (
            <p>
              {sub.plan.displayName} ends <strong>today</strong>: its features stop at once, and the rest of the period,
              paid until {formatDate(sub.currentPeriodEnd)}, is not refunded.
            </p>
          ) : (
            <p>
              {sub.plan.displayName} stays active until <strong>{formatDate(sub.currentPeriodEnd)}</strong>, then ends.
              Nothing more is charged. You can resume it any time before that date.
            </p>
          )}
          {sub.pendingChange && <p>The scheduled plan change is dropped as well.</p>}
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1"
              checked={endNow}
              onChange={(event) => setEndNow(event.target.checked)}
              disabled={cancel.isPending}
            />
            <span>End it now instead of at the period end (this cannot be undone)</span>
          </label>
        </Dialog>
      )}
    </div>
  );
}
