import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { BILLING_CYCLES, createdAt, sqlList, tstz, updatedAt } from './columns';
import { planPrices, plans } from './plans';
import { promoCodes } from './promo-codes';

export const SUBSCRIPTION_STATUSES = [
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'canceled',
  'incomplete',
  'incomplete_expired',
  'paused',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Statuses in which a subscription still binds the organization; at most one such row per org. */
export const LIVE_SUBSCRIPTION_STATUSES = [
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'incomplete',
  'paused',
] as const satisfies readonly SubscriptionStatus[];

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    planPriceId: uuid('plan_price_id').references(() => planPrices.id),
    billingCycle: text('billing_cycle', { enum: BILLING_CYCLES }).notNull(),
    status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull(),
    currency: text('currency').notNull().default('usd'),
    /** Price per period in minor units at the time of purchase (before discounts). */
    unitAmount: bigint('unit_amount', { mode: 'number' }).notNull().default(0),
    trialEndsAt: tstz('trial_ends_at'),
    currentPeriodStart: tstz('current_period_start'),
    currentPeriodEnd: tstz('current_period_end'),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    canceledAt: tstz('canceled_at'),
    endedAt: tstz('ended_at'),
    /** A downgrade scheduled for the period end. */
    pendingPlanId: uuid('pending_plan_id').references(() => plans.id),
    pendingBillingCycle: text('pending_billing_cycle', { enum: BILLING_CYCLES }),
    pendingEffectiveAt: tstz('pending_effective_at'),
    /** When the latest payment failed; the grace period runs from here. */
    pastDueSince: tstz('past_due_since'),
    promoCodeId: uuid('promo_code_id').references(() => promoCodes.id),
    stripeSubscriptionId: text('stripe_subscription_id').unique(),
    stripeCustomerId: text('stripe_customer_id'),
    stripeScheduleId: text('stripe_schedule_id'),
    /** `created` of the last Stripe event applied to this row: older events are skipped. */
    stripeEventAt: tstz('stripe_event_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('subscriptions_one_live_per_org_key')
      .on(t.organizationId)
      .where(sql.raw(`status in (${sqlList(LIVE_SUBSCRIPTION_STATUSES)})`)),
    index('subscriptions_organization_idx').on(t.organizationId, t.createdAt),
    index('subscriptions_plan_idx').on(t.planId),
    check('subscriptions_status_check', sql.raw(`status in (${sqlList(SUBSCRIPTION_STATUSES)})`)),
    check('subscriptions_billing_cycle_check', sql.raw(`billing_cycle in (${sqlList(BILLING_CYCLES)})`)),
    check(
      'subscriptions_pending_billing_cycle_check',
      sql.raw(`pending_billing_cycle in (${sqlList(BILLING_CYCLES)})`),
    ),
    check('subscriptions_unit_amount_check', sql`${t.unitAmount} >= 0`),
  ],
);
