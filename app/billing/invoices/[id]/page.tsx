import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDate, formatPeriod, INVOICE_STATUS } from '@/components/billing/format';
import { InvoiceLinks } from '@/components/billing/invoice-links';
import { PayInvoiceButton } from '@/components/billing/pay-invoice-button';
import { LineTable } from '@/components/billing/upcoming-invoice';
import { Badge } from '@/components/ui/badge';
import { Card, Notice } from '@/components/ui/card';
import { requireOrgViewer } from '@/server/auth/current-viewer';
import { roleAtLeast } from '@/server/auth/roles';
import { formatMoney } from '@/server/billing/money';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Invoice' };

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireOrgViewer(`/billing/invoices/${id}`);
  const caller = await getServerCaller();
  // Another organization's invoice, or a mangled id, reads as not found.
  const invoice = await caller.invoices.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) return null;
    throw error;
  });
  const back = (
    <Link href="/billing/invoices" className="text-sm text-sky-700 hover:underline">
      ← All invoices
    </Link>
  );
  if (!invoice) {
    return (
      <div className="space-y-3">
        <Notice tone="warning">This invoice was not found in {viewer.orgName}.</Notice>
        {back}
      </div>
    );
  }
  const status = INVOICE_STATUS[invoice.status];
  const money = (amount: number) => formatMoney(amount, invoice.currency);
  return (
    <div className="space-y-4">
      {back}
      <Card title={`Invoice ${invoice.number ?? '(draft)'}`} actions={<Badge tone={status.tone}>{status.label}</Badge>}>
        <div className="space-y-5">
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-xs text-slate-500 uppercase">Issued</dt>
              <dd>{formatDate(invoice.createdAt)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500 uppercase">Period</dt>
              <dd>{formatPeriod(invoice.periodStart, invoice.periodEnd)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500 uppercase">{invoice.paidAt ? 'Paid on' : 'Next attempt'}</dt>
              <dd>{formatDate(invoice.paidAt ?? invoice.nextPaymentAttempt)}</dd>
            </div>
          </dl>
          <LineTable lines={invoice.lines} label="Invoice lines" />
          <dl className="ml-auto max-w-xs space-y-1 text-sm">
            <Row label="Subtotal" value={money(invoice.subtotal)} />
            {invoice.discountTotal > 0 && <Row label="Discount" value={`−${money(invoice.discountTotal)}`} />}
            {invoice.tax > 0 && <Row label="Tax" value={money(invoice.tax)} />}
            <Row label="Total" value={money(invoice.total)} strong />
            <Row label="Paid" value={money(invoice.amountPaid)} />
            {invoice.amountRemaining > 0 && <Row label="Still due" value={money(invoice.amountRemaining)} strong />}
          </dl>
          <div className="flex flex-wrap items-center gap-4 border-t border-slate-100 pt-4">
            <InvoiceLinks invoice={invoice} />
            {invoice.status === 'open' && roleAtLeast(viewer.role, 'org:billing') && (
              <PayInvoiceButton invoiceId={invoice.id} />
            )}
          </div>
        </div>
      </Card>
    </div>
  );
}

function Row({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={`flex justify-between gap-6 ${strong ? 'font-semibold' : ''}`}>
      <dt>{label}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
}
