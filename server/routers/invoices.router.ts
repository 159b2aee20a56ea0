import { z } from 'zod';
import {
  getInvoice,
  invoiceToSettle,
  listInvoices,
  payInvoice,
  upcomingInvoice,
  type InvoiceLineRow,
  type InvoiceRow,
} from '../billing/invoices.service';
import { router } from '../trpc/init';
import { billingProcedure, orgProcedure } from '../trpc/procedures';
import { iso, NullableTimestamp, Uuid } from './shape';

const InvoiceStatus = z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']);

const InvoiceOutput = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: InvoiceStatus,
  billingReason: z.string().nullable(),
  currency: z.string(),
  subtotal: z.number().int(),
  discountTotal: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  amountDue: z.number().int(),
  amountPaid: z.number().int(),
  amountRemaining: z.number().int(),
  attemptCount: z.number().int(),
  periodStart: NullableTimestamp,
  periodEnd: NullableTimestamp,
  paidAt: NullableTimestamp,
  nextPaymentAttempt: NullableTimestamp,
  hostedInvoiceUrl: z.string().nullable(),
  invoicePdf: z.string().nullable(),
  createdAt: NullableTimestamp,
});

const LineOutput = z.object({
  description: z.string().nullable(),
  amount: z.number().int(),
  currency: z.string(),
  quantity: z.number().int().nullable(),
  unitAmountDecimal: z.string().nullable(),
  proration: z.boolean(),
  periodStart: NullableTimestamp,
  periodEnd: NullableTimestamp,
});

const toInvoice = (row: InvoiceRow): z.infer<typeof InvoiceOutput> => ({
  id: row.id,
  number: row.number,
  status: row.status,
  billingReason: row.billingReason,
  currency: row.currency,
  subtotal: row.subtotal,
  discountTotal: row.discountTotal,
  tax: row.tax,
  total: row.total,
  amountDue: row.amountDue,
  amountPaid: row.amountPaid,
  amountRemaining: row.amountRemaining,
  attemptCount: row.attemptCount,
  periodStart: iso(row.periodStart),
  periodEnd: iso(row.periodEnd),
  paidAt: iso(row.paidAt),
  nextPaymentAttempt: iso(row.nextPaymentAttempt),
  hostedInvoiceUrl: row.hostedInvoiceUrl,
  invoicePdf: row.invoicePdf,
  createdAt: iso(row.stripeCreatedAt ?? row.createdAt),
});

const toLine = (
  line: Pick<
    InvoiceLineRow,
    'description' | 'amount' | 'currency' | 'quantity' | 'unitAmountDecimal' | 'proration' | 'periodStart' | 'periodEnd'
  >,
) => ({
  description: line.description,
  amount: line.amount,
  currency: line.currency,
  quantity: line.quantity,
  unitAmountDecimal: line.unitAmountDecimal,
  proration: line.proration,
  periodStart: iso(line.periodStart),
  periodEnd: iso(line.periodEnd),
});

export const invoicesRouter = router({
  list: orgProcedure
    .input(
      z
        .object({
          cursor: z.string().max(500).optional(),
          limit: z.number().int().min(1).max(100).optional(),
          organizationId: z.string().optional(),
        })
        .optional(),
    )
    .output(z.object({ items: z.array(InvoiceOutput), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const page = await listInvoices(ctx.db, ctx.org.id, { cursor: input?.cursor, limit: input?.limit ?? 20 });
      return { items: page.items.map(toInvoice), nextCursor: page.nextCursor };
    }),

  get: orgProcedure
    .input(z.object({ id: Uuid('an invoice'), organizationId: z.string().optional() }))
    .output(InvoiceOutput.extend({ lines: z.array(LineOutput) }))
    .query(async ({ ctx, input }) => {
      const invoice = await getInvoice(ctx.db, ctx.org.id, input.id);
      return { ...toInvoice(invoice), lines: invoice.lines.map(toLine) };
    }),

  /** The oldest open invoice with an amount still due, or null: what a past-due banner asks the payer to settle. */
  toSettle: orgProcedure
    .input(z.object({ organizationId: z.string().optional() }).optional())
    .output(InvoiceOutput.nullable())
    .query(async ({ ctx }) => {
      const invoice = await invoiceToSettle(ctx.db, ctx.org.id);
      return invoice && toInvoice(invoice);
    }),

  pay: billingProcedure
    .input(z.object({ id: Uuid('an invoice'), organizationId: z.string().optional() }))
    .output(InvoiceOutput)
    .mutation(async ({ ctx, input }) =>
      toInvoice(
        await payInvoice(
          ctx,
          { organizationId: ctx.org.id, actor: ctx.org.actor, requestId: ctx.requestId, now: ctx.clock() },
          input.id,
        ),
      ),
    ),

  upcoming: orgProcedure
    .input(z.object({ organizationId: z.string().optional() }).optional())
    .output(
      z
        .object({
          currency: z.string(),
          subtotal: z.number().int(),
          discountTotal: z.number().int(),
          total: z.number().int(),
          amountDue: z.number().int(),
          periodEnd: NullableTimestamp,
          lines: z.array(LineOutput),
        })
        .nullable(),
    )
    .query(async ({ ctx }) => {
      const preview = await upcomingInvoice(ctx, ctx.org.id);
      if (!preview) return null;
      return {
        currency: preview.currency,
        subtotal: preview.subtotal,
        discountTotal: preview.discountTotal,
        total: preview.total,
        amountDue: preview.amountDue,
        periodEnd: iso(preview.periodEnd),
        lines: preview.lines.map(toLine),
      };
    }),
});
