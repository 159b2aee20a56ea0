import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { BILLING_CYCLES, createdAt, sqlList, tstz, updatedAt } from './columns';

export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description'),
    /** Default currency; per-currency prices live in plan_prices. */
    currency: text('currency').notNull().default('usd'),
    trialDays: integer('trial_days').notNull().default(0),
    isPublic: boolean('is_public').notNull().default(true),
    isActive: boolean('is_active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    stripeProductId: text('stripe_product_id').unique(),
    archivedAt: tstz('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('plans_name_key').on(t.name),
    index('plans_catalog_idx').on(t.isActive, t.isPublic, t.sortOrder),
    check('plans_currency_check', sql`${t.currency} ~ '^[a-z]{3}$'`),
    check('plans_trial_days_check', sql`${t.trialDays} >= 0`),
  ],
);

/**
 * A price of a plan for one currency and cycle. Stripe prices are immutable, so a price change adds a row
 * and deactivates the old one; subscribers keep the row they bought.
 */
export const planPrices = pgTable(
  'plan_prices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    currency: text('currency').notNull(),
    billingCycle: text('billing_cycle', { enum: BILLING_CYCLES }).notNull(),
    /** Minor units (cents). */
    unitAmount: bigint('unit_amount', { mode: 'number' }).notNull(),
    isActive: boolean('is_active').notNull().default(true),
    stripePriceId: text('stripe_price_id').unique(),
    lookupKey: text('lookup_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('plan_prices_one_active_key')
      .on(t.planId, t.currency, t.billingCycle)
      .where(sql`${t.isActive}`),
    index('plan_prices_plan_idx').on(t.planId),
    check('plan_prices_billing_cycle_check', sql.raw(`billing_cycle in (${sqlList(BILLING_CYCLES)})`)),
    check('plan_prices_unit_amount_check', sql`${t.unitAmount} >= 0`),
    check('plan_prices_currency_check', sql`${t.currency} ~ '^[a-z]{3}$'`),
  ],
);

export const FEATURE_TYPES = ['boolean', 'number', 'text'] as const;

export const planFeatures = pgTable(
  'plan_features',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    featureType: text('feature_type', { enum: FEATURE_TYPES }).notNull(),
    value: text('value').notNull(),
    isHighlighted: boolean('is_highlighted').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('plan_features_plan_name_key').on(t.planId, t.name),
    check('plan_features_feature_type_check', sql.raw(`feature_type in (${sqlList(FEATURE_TYPES)})`)),
  ],
);

export const LIMIT_ENFORCEMENTS = ['hard', 'soft'] as const;
export const USAGE_TYPES = ['counter', 'gauge', 'static'] as const;

export const planLimits = pgTable(
  'plan_limits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    resourceType: text('resource_type').notNull(),
    /** Included quantity; -1 means unlimited. */
    maxValue: bigint('max_value', { mode: 'number' }).notNull(),
    /** Exact price per unit above the included quantity, in minor units (may be below one cent). */
    overageUnitPrice: numeric('overage_unit_price', { precision: 20, scale: 10 }),
    /** Null: soft when an overage price exists, hard otherwise. */
    enforcement: text('enforcement', { enum: LIMIT_ENFORCEMENTS }),
    /** counter: summed over the period; gauge: latest value; static: a setting, not metered. */
    usageType: text('usage_type', { enum: USAGE_TYPES }).notNull().default('counter'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('plan_limits_plan_resource_key').on(t.planId, t.resourceType),
    check('plan_limits_max_value_check', sql`${t.maxValue} >= -1`),
    check('plan_limits_overage_unit_price_check', sql`${t.overageUnitPrice} >= 0`),
    check('plan_limits_enforcement_check', sql.raw(`enforcement in (${sqlList(LIMIT_ENFORCEMENTS)})`)),
    check('plan_limits_usage_type_check', sql.raw(`usage_type in (${sqlList(USAGE_TYPES)})`)),
  ],
);
