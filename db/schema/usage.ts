import { sql } from 'drizzle-orm';
import { bigint, check, index, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from './columns';

/** One reported usage event; a repeated idempotency key per organization counts once. */
export const usageRecords = pgTable(
  'usage_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    metric: text('metric').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    occurredAt: tstz('occurred_at').notNull(),
    periodStart: tstz('period_start').notNull(),
    recordedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('usage_records_idempotency_key').on(t.organizationId, t.idempotencyKey),
    index('usage_records_org_metric_time_idx').on(t.organizationId, t.metric, t.occurredAt),
    check('usage_records_quantity_check', sql`${t.quantity} >= 0`),
  ],
);

/** Running totals per organization, metric and billing period, rolled up with each ingest. */
export const usageTotals = pgTable(
  'usage_totals',
  {
    organizationId: text('organization_id').notNull(),
    metric: text('metric').notNull(),
    periodStart: tstz('period_start').notNull(),
    /** Counters: the sum; gauges: the latest value. */
    quantity: bigint('quantity', { mode: 'number' }).notNull().default(0),
    /** Overage already put on an invoice for this period, so nothing is billed twice. */
    billedQuantity: bigint('billed_quantity', { mode: 'number' }).notNull().default(0),
    lastOccurredAt: tstz('last_occurred_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.metric, t.periodStart] }),
    check('usage_totals_quantity_check', sql`${t.quantity} >= 0 and ${t.billedQuantity} >= 0`),
  ],
);

/**
 * Overage put on a renewal invoice: one row per organization, metric and period, so a retried or
 * duplicated `invoice.created` never bills the same usage twice.
 */
export const usageOverageCharges = pgTable(
  'usage_overage_charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    metric: text('metric').notNull(),
    periodStart: tstz('period_start').notNull(),
    /** Units billed by this charge (above the included quantity and any earlier charge). */
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    unitPrice: numeric('unit_price', { precision: 20, scale: 10 }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    stripeInvoiceId: text('stripe_invoice_id').notNull(),
    stripeInvoiceItemId: text('stripe_invoice_item_id').unique(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('usage_overage_charges_invoice_metric_key').on(
      t.stripeInvoiceId,
      t.organizationId,
      t.metric,
      t.periodStart,
    ),
    index('usage_overage_charges_org_period_idx').on(t.organizationId, t.metric, t.periodStart),
    check('usage_overage_charges_amounts_check', sql`${t.quantity} > 0 and ${t.amount} >= 0`),
  ],
);
