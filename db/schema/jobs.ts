import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns';

/** Small durable state of background jobs, e.g. the reconciliation's "changed since" cursor. */
export const jobState = pgTable('job_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});
