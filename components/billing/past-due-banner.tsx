'use client';

import Link from 'next/link';
import { formatMoney } from '@/server/billing/money';
import { buttonClass } from '../ui/button';
import { formatDate } from './format';
import { PayInvoiceButton } from './pay-invoice-button';
import type { Invoice, Subscription } from './types';

/** A failed renewal: which invoice, how much, since when, and the two ways out (pay it, or change the card). */
export function PastDueBanner({
  subscription,
  invoice,
  canManage,
}: {
  subscription: Subscription;
  /** The oldest open invoice with an amount due (`invoices.toSettle`). */
  invoice: Invoice | null;
  canManage: boolean;
}) {
  return (
    <div
      role="alert"
      data-testid="past-due-banner"
      className="rounded-2xl border border-red-300 bg-red-50 p-5 text-red-950"
    >
      <h2 className="font-semibold">
        {subscription.status === 'unpaid' ? 'Your subscription is unpaid' : 'Your last payment failed'}
      </h2>
      <p className="mt-1 text-sm">
        {invoice ? (
          <>
            Invoice{' '}
            <Link href={`/billing/invoices/${invoice.id}`} className="font-medium underline">
              {invoice.number ?? 'for this period'}
            </Link>{' '}
            of <strong>{formatMoney(invoice.amountRemaining, invoice.currency)}</strong> is due
          </>
        ) : (
          'A payment is due'
        )}
        {subscription.pastDueSince && <> since {formatDate(subscription.pastDueSince)}</>}.{' '}
        {invoice?.nextPaymentAttempt && <>We will try the card again on {formatDate(invoice.nextPaymentAttempt)}. </>}
        {canManage
          ? 'Pay it now with your default card, or change the card first.'
          : 'Ask a billing manager or an admin to pay it or change the card.'}
      </p>
      {canManage && (
        <div className="mt-3 flex flex-wrap gap-2">
          {invoice && <PayInvoiceButton invoiceId={invoice.id} />}
          <Link href="/billing/payment-methods" className={buttonClass('secondary')}>
            Change card
          </Link>
        </div>
      )}
    </div>
  );
}
