import type { Invoice } from './types';

/** The hosted invoice page and its PDF, at Stripe (or the simulator); each link names its invoice. */
export function InvoiceLinks({ invoice }: { invoice: Pick<Invoice, 'number' | 'hostedInvoiceUrl' | 'invoicePdf'> }) {
  const name = invoice.number ?? 'this invoice';
  return (
    <span className="inline-flex gap-3 text-sm">
      {invoice.hostedInvoiceUrl && (
        <a
          href={invoice.hostedInvoiceUrl}
          target="_blank"
          rel="noopener noreferrer"
          className="text-sky-700 hover:underline"
          aria-label={`Hosted invoice ${name} (opens in a new tab)`}
        >
          Hosted invoice
        </a>
      )}
      {invoice.invoicePdf && (
        <a
          href={invoice.invoicePdf}
          target="_blank"
          rel="noopener noreferrer"
          className="text-sky-700 hover:underline"
          aria-label={`PDF of invoice ${name} (opens in a new tab)`}
        >
          PDF
        </a>
      )}
    </span>
  );
}
