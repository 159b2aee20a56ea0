import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, sqlList, tstz, updatedAt } from './columns';
import { subscriptions } from './subscriptions';

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const;

/** A mirror of a Stripe invoice; amounts in minor units of `currency`. */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id),
    stripeInvoiceId: text('stripe_invoice_id').unique(),
    number: text('number'),
    status: text('status', { enum: INVOICE_STATUSES }).notNull(),
    billingReason: text('billing_reason'),
    currency: text('currency').notNull(),
    /** Subtotal and total may be negative on a credit (a downgrade's proration). */
    subtotal: bigint('subtotal', { mode: 'number' }).notNull().default(0),
    discountTotal: bigint('discount_total', { mode: 'number' }).notNull().default(0),
    tax: bigint('tax', { mode: 'number' }).notNull().default(0),
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    amountDue: bigint('amount_due', { mode: 'number' }).notNull().default(0),
    amountPaid: bigint('amount_paid', { mode: 'number' }).notNull().default(0),
    amountRemaining: bigint('amount_remaining', { mode: 'number' }).notNull().default(0),
    attemptCount: integer('attempt_count').notNull().default(0),
    periodStart: tstz('period_start'),
    periodEnd: tstz('period_end'),
    dueDate: tstz('due_date'),
    paidAt: tstz('paid_at'),
    nextPaymentAttempt: tstz('next_payment_attempt'),
    hostedInvoiceUrl: text('hosted_invoice_url'),
    invoicePdf: text('invoice_pdf'),
    stripeCreatedAt: tstz('stripe_created_at'),
    stripeEventAt: tstz('stripe_event_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('invoices_organization_idx').on(t.organizationId, t.createdAt, t.id),
    index('invoices_subscription_idx').on(t.subscriptionId),
    check('invoices_status_check', sql.raw(`status in (${sqlList(INVOICE_STATUSES)})`)),
    check(
      'invoices_amounts_check',
      sql`${t.amountDue} >= 0 and ${t.amountPaid} >= 0 and ${t.amountRemaining} >= 0 and ${t.discountTotal} >= 0 and ${t.tax} >= 0`,
    ),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id').notNull(),
    stripeLineId: text('stripe_line_id'),
    description: text('description'),
    /** Signed: proration credits are negative. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    quantity: bigint('quantity', { mode: 'number' }),
    unitAmountDecimal: numeric('unit_amount_decimal', { precision: 20, scale: 10 }),
    proration: boolean('proration').notNull().default(false),
    periodStart: tstz('period_start'),
    periodEnd: tstz('period_end'),
    stripePriceId: text('stripe_price_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invoice_lines_stripe_line_key').on(t.invoiceId, t.stripeLineId),
    index('invoice_lines_organization_idx').on(t.organizationId),
  ],
);
