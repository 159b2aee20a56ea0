import type { Metadata } from 'next';
import { InvoicesList } from '@/components/billing/invoices-list';
import { UpcomingInvoiceCard } from '@/components/billing/upcoming-invoice';
import { requireOrgViewer } from '@/server/auth/current-viewer';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Invoices' };

const PAGE_SIZE = 20;

export default async function InvoicesPage() {
  await requireOrgViewer('/billing/invoices');
  const caller = await getServerCaller();
  const [firstPage, upcoming] = await Promise.all([
    caller.invoices.list({ limit: PAGE_SIZE }),
    caller.invoices.upcoming(),
  ]);
  return (
    <div className="space-y-6">
      <UpcomingInvoiceCard upcoming={upcoming} />
      <InvoicesList firstPage={firstPage} pageSize={PAGE_SIZE} />
    </div>
  );
}
