import { z } from 'zod';
import { INVOICE_STATUSES } from '@/db/schema';
import type { InvoiceLineRow, InvoiceRow } from '../../billing/invoices.service';
import { isoOf, major, majorOrNull, MajorAmount, NullableTimestamp, OrganizationIdField, uuidOf } from '../shape';

export const Invoice = z
  .object({
    id: z.string(),
    organization_id: z.string(),
    number: z.string().nullable(),
    status: z.enum(INVOICE_STATUSES),
    billing_reason: z.string().nullable(),
    currency: z.string(),
    subtotal: MajorAmount,
    discount_total: MajorAmount,
    tax: MajorAmount,
    total: MajorAmount,
    amount_due: MajorAmount,
    amount_paid: MajorAmount,
    amount_remaining: MajorAmount,
    attempt_count: z.number().int(),
    period_start: NullableTimestamp,
    period_end: NullableTimestamp,
    paid_at: NullableTimestamp,
    next_payment_attempt: NullableTimestamp,
    hosted_invoice_url: z.string().nullable(),
    invoice_pdf: z.string().nullable(),
    created_at: NullableTimestamp,
  })
  .strict();

export const InvoiceLine = z
  .object({
    description: z.string().nullable(),
    amount: MajorAmount.describe('major units; negative for a proration credit'),
    currency: z.string(),
    quantity: z.number().int().nullable(),
    unit_amount: MajorAmount.nullable().describe('exact major units per unit (0.001), or null'),
    proration: z.boolean(),
    period_start: NullableTimestamp,
    period_end: NullableTimestamp,
  })
  .strict();

export const InvoiceWithLines = Invoice.extend({ lines: z.array(InvoiceLine) }).strict();

export const InvoicePage = z
  .object({
    items: z.array(Invoice).describe('newest first'),
    total: z.number().int().describe('invoices of the organization in all'),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .strict();

export const ListInvoicesQuery = z
  .object({
    organization_id: OrganizationIdField.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const InvoicePath = z.object({ id: uuidOf('an invoice') }).strict();
export const OrganizationQuery = z.object({ organization_id: OrganizationIdField.optional() }).strict();

export const toRestInvoice = (row: InvoiceRow): z.infer<typeof Invoice> => ({
  id: row.id,
  organization_id: row.organizationId,
  number: row.number,
  status: row.status,
  billing_reason: row.billingReason,
  currency: row.currency,
  subtotal: major(row.subtotal, row.currency),
  discount_total: major(row.discountTotal, row.currency),
  tax: major(row.tax, row.currency),
  total: major(row.total, row.currency),
  amount_due: major(row.amountDue, row.currency),
  amount_paid: major(row.amountPaid, row.currency),
  amount_remaining: major(row.amountRemaining, row.currency),
  attempt_count: row.attemptCount,
  period_start: isoOf(row.periodStart),
  period_end: isoOf(row.periodEnd),
  paid_at: isoOf(row.paidAt),
  next_payment_attempt: isoOf(row.nextPaymentAttempt),
  hosted_invoice_url: row.hostedInvoiceUrl,
  invoice_pdf: row.invoicePdf,
  created_at: isoOf(row.stripeCreatedAt ?? row.createdAt),
});

export const toRestInvoiceLine = (line: InvoiceLineRow): z.infer<typeof InvoiceLine> => ({
  description: line.description,
  amount: major(line.amount, line.currency),
  currency: line.currency,
  quantity: line.quantity,
  unit_amount: majorOrNull(line.unitAmountDecimal, line.currency),
  proration: line.proration,
  period_start: isoOf(line.periodStart),
  period_end: isoOf(line.periodEnd),
});
