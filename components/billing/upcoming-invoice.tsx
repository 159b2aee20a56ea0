import { formatMoney } from '@/server/billing/money';
import { Card } from '../ui/card';
import { formatDate, formatPeriod } from './format';
import type { UpcomingInvoice } from './types';

/** The next invoice Stripe will issue: its date, lines and total (nothing when none will come). */
export function UpcomingInvoiceCard({ upcoming }: { upcoming: UpcomingInvoice | null }) {
  return (
    <Card title="Upcoming invoice">
      {!upcoming ? (
        <p className="text-sm text-slate-500" data-testid="no-upcoming-invoice">
          No upcoming invoice: there is no subscription that renews.
        </p>
      ) : (
        <div className="space-y-3" data-testid="upcoming-invoice">
          <p className="text-sm">
            <strong className="text-lg">{formatMoney(upcoming.amountDue, upcoming.currency)}</strong>
            {upcoming.periodEnd && <> on {formatDate(upcoming.periodEnd)}</>}
          </p>
          <LineTable lines={upcoming.lines} label="Upcoming invoice lines" />
          {upcoming.discountTotal > 0 && (
            <p className="text-xs text-emerald-700">
              Includes a discount of {formatMoney(upcoming.discountTotal, upcoming.currency)}.
            </p>
          )}
        </div>
      )}
    </Card>
  );
}

/** Invoice lines: what, for which period, how many, how much. */
export function LineTable({ lines, label }: { lines: UpcomingInvoice['lines']; label: string }) {
  if (lines.length === 0) return <p className="text-sm text-slate-500">No lines.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th className="py-2 pr-4">Description</th>
            <th className="py-2 pr-4">Period</th>
            <th className="py-2 pr-4 text-right">Qty</th>
            <th className="py-2 text-right">Amount</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={index} className="border-t border-slate-100">
              <td className="py-2 pr-4">
                {line.description ?? '—'}
                {line.proration && <span className="ml-2 text-xs text-slate-500">(prorated)</span>}
              </td>
              <td className="py-2 pr-4 text-xs">{formatPeriod(line.periodStart, line.periodEnd)}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{line.quantity ?? '—'}</td>
              <td className="py-2 text-right tabular-nums">{formatMoney(line.amount, line.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
