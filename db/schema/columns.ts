import { timestamp } from 'drizzle-orm/pg-core';

/** Every timestamp is `timestamp with time zone`, read and written as a JS Date. */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const createdAt = () => tstz('created_at').notNull().defaultNow();
export const updatedAt = () => tstz('updated_at').notNull().defaultNow();

export const BILLING_CYCLES = ['monthly', 'yearly'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

/** SQL list literal for CHECK constraints over a fixed set of values. */
export const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
