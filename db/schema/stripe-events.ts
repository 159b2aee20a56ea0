import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, sqlList, tstz } from './columns';

export const STRIPE_EVENT_OUTCOMES = ['processing', 'processed', 'skipped', 'ignored', 'failed'] as const;

/** Every Stripe event received, by its id: a second delivery of the same id changes nothing. */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    apiVersion: text('api_version'),
    objectId: text('object_id'),
    stripeCreatedAt: tstz('stripe_created_at').notNull(),
    outcome: text('outcome', { enum: STRIPE_EVENT_OUTCOMES }).notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(1),
    receivedAt: createdAt(),
    processedAt: tstz('processed_at'),
  },
  (t) => [
    index('stripe_events_object_idx').on(t.objectId, t.stripeCreatedAt),
    index('stripe_events_outcome_idx').on(t.outcome, t.receivedAt),
    check('stripe_events_outcome_check', sql.raw(`outcome in (${sqlList(STRIPE_EVENT_OUTCOMES)})`)),
  ],
);
