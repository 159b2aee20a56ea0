import type { Metadata } from 'next';
import { cardEntryOf } from '@/components/billing/card-entry';
import { PlanPicker } from '@/components/billing/plan-picker';
import { requireOrgViewer } from '@/server/auth/current-viewer';
import { roleAtLeast } from '@/server/auth/roles';
import { getConfig } from '@/server/config/current';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Plans' };

export default async function PlansPage() {
  const viewer = await requireOrgViewer('/billing/plans');
  const caller = await getServerCaller();
  const [plans, subscription, cards] = await Promise.all([
    caller.plans.list(),
    caller.subscriptions.current(),
    caller.paymentMethods.list(),
  ]);
  return (
    <PlanPicker
      plans={plans}
      initialSubscription={subscription}
      initialCards={cards}
      canManage={roleAtLeast(viewer.role, 'org:billing')}
      cardEntry={cardEntryOf(getConfig())}
    />
  );
}
