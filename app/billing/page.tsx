import type { Metadata } from 'next';
import Link from 'next/link';
import { SubscriptionOverview } from '@/components/billing/subscription-overview';
import { buttonClass } from '@/components/ui/button';
import { Card, Notice } from '@/components/ui/card';
import { requireOrgViewer } from '@/server/auth/current-viewer';
import { ROLE_LABELS, roleAtLeast } from '@/server/auth/roles';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Billing' };

export default async function BillingOverviewPage() {
  const viewer = await requireOrgViewer('/billing');
  const role = viewer.role;
  const canManageBilling = roleAtLeast(role, 'org:billing');
  const caller = await getServerCaller();
  const [subscription, invoiceToSettle, cards] = await Promise.all([
    caller.subscriptions.current(),
    caller.invoices.toSettle(),
    caller.paymentMethods.list(),
  ]);
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <SubscriptionOverview
          initialSubscription={subscription}
          initialInvoiceToSettle={invoiceToSettle}
          initialCards={cards}
          canManage={canManageBilling}
        />
      </div>
      <div className="space-y-6">
        <Card title="Your access">
          <p className="text-sm">
            You are <strong>{ROLE_LABELS[role]}</strong> in {viewer.orgName}
            {viewer.orgName?.endsWith('.') ? '' : '.'}
          </p>
          {canManageBilling ? (
            <p className="mt-2 text-sm text-slate-600">
              You can choose plans, manage payment methods and see invoices.
            </p>
          ) : (
            <div className="mt-3">
              <Notice>You can see your organization’s billing. Ask a billing manager or an admin to change it.</Notice>
            </div>
          )}
        </Card>
        <Card title="Quick links">
          <div className="flex flex-col items-start gap-2">
            {canManageBilling && (
              <Link href="/billing/plans" className={buttonClass('primary')} data-testid="choose-plan">
                {subscription && !['canceled', 'incomplete_expired'].includes(subscription.status)
                  ? 'Change plan'
                  : 'Choose a plan'}
              </Link>
            )}
            {roleAtLeast(role, 'org:admin') && (
              <Link href="/billing/api-keys" className={buttonClass('secondary')} data-testid="manage-api-keys">
                Manage API keys
              </Link>
            )}
            <ul className="space-y-1 text-sm">
              <li>
                <Link href="/billing/plans" className="text-sky-700 hover:underline">
                  Compare plans
                </Link>
              </li>
              <li>
                <Link href="/billing/payment-methods" className="text-sky-700 hover:underline">
                  Manage payment methods
                </Link>
              </li>
              <li>
                <Link href="/billing/invoices" className="text-sky-700 hover:underline">
                  Invoice history
                </Link>
              </li>
              <li>
                <Link href="/billing/usage" className="text-sky-700 hover:underline">
                  Usage this period
                </Link>
              </li>
            </ul>
          </div>
        </Card>
      </div>
    </div>
  );
}
