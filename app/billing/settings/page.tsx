import type { Metadata } from 'next';
import { BillingContactForm } from '@/components/billing/billing-contact-form';
import { DataExportButton } from '@/components/billing/data-export-button';
import { Notice } from '@/components/ui/card';
import { requireOrgViewer } from '@/server/auth/current-viewer';
import { roleAtLeast } from '@/server/auth/roles';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Billing settings' };

export default async function BillingSettingsPage() {
  const viewer = await requireOrgViewer('/billing/settings');
  if (!roleAtLeast(viewer.role, 'org:billing')) {
    return <Notice tone="warning">Only billing managers and admins can change billing settings.</Notice>;
  }
  const contact = await (await getServerCaller()).billingContact.get();
  return (
    <div className="space-y-6">
      <BillingContactForm initial={contact} />
      {roleAtLeast(viewer.role, 'org:admin') && <DataExportButton />}
    </div>
  );
}
