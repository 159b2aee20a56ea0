import type { Metadata } from 'next';
import { cardEntryOf } from '@/components/billing/card-entry';
import { PaymentMethodsManager } from '@/components/billing/payment-methods-manager';
import { requireOrgViewer } from '@/server/auth/current-viewer';
import { roleAtLeast } from '@/server/auth/roles';
import { getConfig } from '@/server/config/current';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Payment methods' };

const LIVE = new Set(['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused']);

export default async function PaymentMethodsPage() {
  const viewer = await requireOrgViewer('/billing/payment-methods');
  const caller = await getServerCaller();
  const [cards, subscription] = await Promise.all([caller.paymentMethods.list(), caller.subscriptions.current()]);
  return (
    <PaymentMethodsManager
      initialCards={cards}
      hasLiveSubscription={Boolean(subscription && LIVE.has(subscription.status))}
      canManage={roleAtLeast(viewer.role, 'org:billing')}
      cardEntry={cardEntryOf(getConfig())}
      now={new Date().toISOString()}
    />
  );
}
