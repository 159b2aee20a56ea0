import type { Invoice } from '../state/objects';

/** The paths the simulator serves an invoice's hosted page and PDF on (Stripe's live on invoice.stripe.com). */
export const hostedInvoicePath = (id: string) => `/hosted/invoices/${id}`;
export const invoicePdfPath = (id: string) => `/hosted/invoices/${id}/pdf`;

export function money(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}${(Math.abs(amount) / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function summaryLines(invoice: Invoice): string[] {
  return [
    `Invoice ${invoice.number ?? invoice.id}`,
    `Status: ${invoice.status ?? 'draft'}`,
    ...invoice.lines.data.map((line) => `${line.description ?? ''}: ${money(line.amount, line.currency)}`),
    `Total: ${money(invoice.total, invoice.currency)}`,
    `Amount due: ${money(invoice.amount_due, invoice.currency)}`,
    `Amount paid: ${money(invoice.amount_paid, invoice.currency)}`,
  ];
}

export function invoiceHtml(invoice: Invoice): string {
  const [title, ...rest] = summaryLines(invoice).map(escapeHtml);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1><p>Test mode invoice from the local Stripe simulator.</p>
<ul>${rest.map((l) => `<li>${l}</li>`).join('')}</ul></body></html>
`;
}

/** A one-page PDF 1.4 with the invoice summary in Helvetica: small, but a valid PDF any reader opens. */
export function invoicePdf(invoice: Invoice): Buffer {
  const text = summaryLines(invoice)
    .map((line) => line.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`))
    .map((line, i) => `${i === 0 ? '' : '0 -18 Td '}(${line}) Tj`)
    .join('\n');
  const stream = `BT /F1 12 Tf 72 740 Td\n${text}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
