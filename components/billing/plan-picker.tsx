'use client';

import { useQuery } from '@tanstack/react-query';
import { lazyComponent } from '../ui/lazy';
import Link from 'next/link';
import { useState } from 'react';
import { BillingCycleToggle, type BillingCycle } from '../pricing/billing-cycle-toggle';
import { PlanCard } from '../pricing/plan-card';
import { useTRPC } from '../trpc/client';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Notice } from '../ui/card';
import { cycleLabel } from './format';

// The confirmation steps load when a plan is chosen: the picker's first load stays small.
const ChangeConfirmation = lazyComponent(() => import('./change-confirmation').then((m) => m.ChangeConfirmation));
const SubscribeConfirmation = lazyComponent(() =>
  import('./subscribe-confirmation').then((m) => m.SubscribeConfirmation),
);
import type { CardEntry, PaymentMethod, Plan, Subscription } from './types';

const ENDED = new Set(['canceled', 'incomplete_expired']);

/**
 * Choose a plan and cycle, then confirm: a new subscription with its price, promo code and card, or a
 * change with Stripe's exact preview. Members see the catalog only.
 */
export function PlanPicker({
  plans,
  initialSubscription,
  initialCards,
  canManage,
  cardEntry,
}: {
  plans: Plan[];
  initialSubscription: Subscription | null;
  initialCards: PaymentMethod[];
  canManage: boolean;
  cardEntry: CardEntry;
}) {
  const trpc = useTRPC();
  const subscription = useQuery(
    trpc.subscriptions.current.queryOptions(undefined, { initialData: initialSubscription }),
  ).data;
  const live = subscription && !ENDED.has(subscription.status) ? subscription : null;
  const [cycle, setCycle] = useState<BillingCycle>(live?.billingCycle ?? 'monthly');
  const [selected, setSelected] = useState<Plan | null>(null);

  if (selected && canManage) {
    const back = (
      <Button variant="ghost" onClick={() => setSelected(null)}>
        ← Back to plans
      </Button>
    );
    return live ? (
      <ChangeConfirmation plan={selected} cycle={cycle} subscription={live} back={back} />
    ) : (
      <SubscribeConfirmation
        plan={selected}
        cycle={cycle}
        initialCards={initialCards}
        cardEntry={cardEntry}
        back={back}
      />
    );
  }

  const ending = Boolean(live?.cancelAtPeriodEnd);
  const action = (plan: Plan) => {
    if (!canManage) return undefined;
    const price = cycle === 'monthly' ? plan.priceMonthly : plan.priceYearly;
    if (price === null) return undefined;
    if (live && live.planId === plan.id && live.billingCycle === cycle) {
      return (
        <p className="text-center">
          <Badge tone="success">Current plan</Badge>
        </p>
      );
    }
    if (live?.pendingChange && live.pendingChange.planId === plan.id && live.pendingChange.billingCycle === cycle) {
      return <p className="text-center text-sm text-slate-600">Scheduled for the end of this period</p>;
    }
    if (ending) return undefined;
    return (
      <Button className="w-full" onClick={() => setSelected(plan)}>
        {live ? `Switch to ${plan.displayName}` : `Choose ${plan.displayName}`}
      </Button>
    );
  };

  return (
    <div className="space-y-6">
      {!canManage && (
        <Notice>
          These are the plans on offer. A billing manager or an admin can change your organization’s plan.
        </Notice>
      )}
      {canManage && ending && (
        <Notice tone="warning">
          Your subscription is set to end. <Link href="/billing">Resume it</Link> before changing plans.
        </Notice>
      )}
      {live && (
        <p className="text-sm text-slate-600">
          You are on <strong>{live.plan.displayName}</strong>, billed {cycleLabel(live.billingCycle).toLowerCase()}.
          Upgrades take effect now, prorated; downgrades at the end of the current period.
        </p>
      )}
      <div className="flex justify-center">
        <BillingCycleToggle value={cycle} onChange={setCycle} />
      </div>
      <ul className="grid gap-6 md:grid-cols-3" aria-label="Plans">
        {plans.map((plan) => (
          <li key={plan.id}>
            <PlanCard plan={plan} cycle={cycle} action={action(plan)} />
          </li>
        ))}
      </ul>
    </div>
  );
}
