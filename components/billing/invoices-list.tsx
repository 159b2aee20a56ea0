'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatMoney } from '@/server/billing/money';
import { useTRPC } from '../trpc/client';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { formatDate, formatPeriod, INVOICE_STATUS } from './format';
import { InvoiceLinks } from './invoice-links';
import type { InvoicePage } from './types';
import { errorMessage } from './use-billing-action';

/** Invoice history, newest first, a page at a time (the API's keyset cursor). */
export function InvoicesList({ firstPage, pageSize }: { firstPage: InvoicePage; pageSize: number }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.invoices.list.infiniteQueryOptions(
      { limit: pageSize },
      {
        getNextPageParam: (page) => page.nextCursor,
        // The first page has no cursor: undefined, not null (the API's cursor is an optional string).
        initialData: { pages: [firstPage], pageParams: [undefined as unknown as null] },
      },
    ),
  );
  const invoices = query.data.pages.flatMap((page) => page.items);
  return (
    <Card title="Invoices">
      {query.isError && <Notice tone="error">{errorMessage(query.error)}</Notice>}
      {invoices.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="no-invoices">
          No invoices yet. They appear here once your organization subscribes.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Invoices">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4">Invoice</th>
                <th className="py-2 pr-4">Date</th>
                <th className="py-2 pr-4">Period</th>
                <th className="py-2 pr-4">Status</th>
                <th className="py-2 pr-4 text-right">Total</th>
                <th className="py-2">Documents</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id} className="border-t border-slate-100">
                  <td className="py-2 pr-4">
                    <Link href={`/billing/invoices/${invoice.id}`} className="font-medium text-sky-700 hover:underline">
                      {invoice.number ?? 'Draft invoice'}
                    </Link>
                  </td>
                  <td className="py-2 pr-4">{formatDate(invoice.createdAt)}</td>
                  <td className="py-2 pr-4 text-xs">{formatPeriod(invoice.periodStart, invoice.periodEnd)}</td>
                  <td className="py-2 pr-4">
                    <Badge tone={INVOICE_STATUS[invoice.status].tone}>{INVOICE_STATUS[invoice.status].label}</Badge>
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(invoice.total, invoice.currency)}</td>
                  <td className="py-2">
                    <InvoiceLinks invoice={invoice} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage && (
        <div className="mt-4">
          <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? 'Loading…' : 'Show older invoices'}
          </Button>
        </div>
      )}
    </Card>
  );
}
