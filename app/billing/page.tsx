import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Card, Notice } from '@/components/ui/card';
import { requireOrgViewer } from '@/server/auth/current-viewer';
import { ROLE_LABELS, roleAtLeast } from '@/server/auth/roles';

export const metadata: Metadata = { title: 'Billing' };

export default async function BillingOverviewPage() {
  const viewer = await requireOrgViewer('/billing');
  const role = viewer.role;
  const canManageBilling = roleAtLeast(role, 'org:billing');
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card title="Your access">
        <p className="text-sm">
          You are <strong>{ROLE_LABELS[role]}</strong> in {viewer.orgName}.
        </p>
        {canManageBilling ? (
          <p className="mt-2 text-sm text-slate-600">You can choose plans, manage payment methods and see invoices.</p>
        ) : (
          <div className="mt-3">
            <Notice>You can see your organization’s billing. Ask a billing manager or an admin to change it.</Notice>
          </div>
        )}
      </Card>
      <Card title="Actions">
        <div className="flex flex-wrap gap-2">
          {canManageBilling && (
            <Link href="/pricing" className={buttonClass('primary')} data-testid="choose-plan">
              Choose a plan
            </Link>
          )}
          {roleAtLeast(role, 'org:admin') && (
            <Link href="/billing/api-keys" className={buttonClass('secondary')} data-testid="manage-api-keys">
              Manage API keys
            </Link>
          )}
          <Link href="/pricing" className={buttonClass('ghost')}>
            Compare plans
          </Link>
        </div>
      </Card>
    </div>
  );
}
