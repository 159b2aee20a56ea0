import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { BILLING_CYCLES, createdAt, sqlList, tstz, updatedAt } from './columns';

export const DISCOUNT_TYPES = ['percent', 'amount'] as const;
export const DISCOUNT_DURATIONS = ['once', 'repeating', 'forever'] as const;

export const promoCodes = pgTable(
  'promo_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored upper-case; customers type codes in any case. */
    code: text('code').notNull(),
    description: text('description'),
    discountType: text('discount_type', { enum: DISCOUNT_TYPES }).notNull(),
    percentOff: numeric('percent_off', { precision: 5, scale: 2 }),
    /** Minor units of `currency`. */
    amountOff: bigint('amount_off', { mode: 'number' }),
    currency: text('currency'),
    duration: text('duration', { enum: DISCOUNT_DURATIONS }).notNull(),
    durationInMonths: integer('duration_in_months'),
    maxRedemptions: integer('max_redemptions'),
    timesRedeemed: integer('times_redeemed').notNull().default(0),
    oncePerOrganization: boolean('once_per_organization').notNull().default(true),
    firstTimeOnly: boolean('first_time_only').notNull().default(false),
    /** Empty means every plan. */
    planIds: uuid('plan_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    billingCycle: text('billing_cycle', { enum: BILLING_CYCLES }),
    validFrom: tstz('valid_from'),
    validUntil: tstz('valid_until'),
    isActive: boolean('is_active').notNull().default(true),
    stripeCouponId: text('stripe_coupon_id').unique(),
    stripePromotionCodeId: text('stripe_promotion_code_id').unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('promo_codes_code_key').on(t.code),
    check('promo_codes_discount_type_check', sql.raw(`discount_type in (${sqlList(DISCOUNT_TYPES)})`)),
    check('promo_codes_duration_check', sql.raw(`duration in (${sqlList(DISCOUNT_DURATIONS)})`)),
    check('promo_codes_billing_cycle_check', sql.raw(`billing_cycle in (${sqlList(BILLING_CYCLES)})`)),
    check(
      'promo_codes_discount_check',
      sql`(${t.discountType} = 'percent' and ${t.percentOff} > 0 and ${t.percentOff} <= 100 and ${t.amountOff} is null)
        or (${t.discountType} = 'amount' and ${t.amountOff} > 0 and ${t.currency} is not null and ${t.percentOff} is null)`,
    ),
    check(
      'promo_codes_duration_months_check',
      sql`(${t.duration} = 'repeating') = (${t.durationInMonths} is not null and ${t.durationInMonths} > 0)`,
    ),
    check(
      'promo_codes_redemptions_check',
      sql`${t.timesRedeemed} >= 0 and (${t.maxRedemptions} is null or ${t.timesRedeemed} <= ${t.maxRedemptions})`,
    ),
  ],
);

export const promoRedemptions = pgTable(
  'promo_redemptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    promoCodeId: uuid('promo_code_id')
      .notNull()
      .references(() => promoCodes.id),
    organizationId: text('organization_id').notNull(),
    /** The subscription it was applied to; no FK so redemption can be counted before the row exists. */
    subscriptionId: uuid('subscription_id'),
    redeemedAt: createdAt(),
  },
  (t) => [
    index('promo_redemptions_organization_idx').on(t.organizationId),
    index('promo_redemptions_code_org_idx').on(t.promoCodeId, t.organizationId),
  ],
);
