import { z } from 'zod';
import { redemptionsLeft } from '../../billing/catalog/promo-admin.service';
import type { PromoCodeRow } from '../../billing/promo-codes.service';
import { BillingCycle, iso, NullableTimestamp, Timestamp, Uuid } from '../shape';
import { Currency } from './plans.schemas';

const When = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
const toDate = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));
const hundredths = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9;

/** Who may redeem, and when: editable after creation. */
const restrictionFields = {
  description: z.string().trim().max(500, 'at most 500 characters').nullable(),
  maxRedemptions: z.number().int().min(1, 'at least 1, or no cap').max(10_000_000).nullable(),
  oncePerOrganization: z.boolean(),
  firstTimeOnly: z.boolean(),
  planIds: z.array(Uuid('a plan')).max(100),
  billingCycle: BillingCycle.nullable(),
  validFrom: When.nullable(),
  validUntil: When.nullable(),
  isActive: z.boolean(),
};

const startsBeforeEnd = (v: { validFrom?: string | null; validUntil?: string | null }) =>
  !v.validFrom || !v.validUntil || Date.parse(v.validFrom) < Date.parse(v.validUntil);

export const CreatePromoCodeInput = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9-]{3,40}$/, '3 to 40 letters, digits or - (as Stripe allows)'),
    discountType: z.enum(['percent', 'amount']),
    percentOff: z
      .number()
      .gt(0, 'more than 0')
      .max(100, 'at most 100')
      .refine(hundredths, 'at most two decimals')
      .nullish(),
    amountOff: z.number().int('whole minor units (cents)').min(1, 'more than 0').nullish(),
    currency: Currency.nullish(),
    duration: z.enum(['once', 'repeating', 'forever']),
    durationInMonths: z.number().int().min(1, 'at least 1 month').max(36, 'at most 36 months').nullish(),
    description: restrictionFields.description.optional().transform((v) => v || null),
    maxRedemptions: restrictionFields.maxRedemptions.default(null),
    oncePerOrganization: z.boolean().default(true),
    firstTimeOnly: z.boolean().default(false),
    planIds: restrictionFields.planIds.default([]),
    billingCycle: restrictionFields.billingCycle.default(null),
    validFrom: restrictionFields.validFrom.default(null),
    validUntil: restrictionFields.validUntil.default(null),
    isActive: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.discountType === 'percent' && v.percentOff == null) issue('percentOff', 'enter the percentage off');
    if (v.discountType === 'amount' && v.amountOff == null) issue('amountOff', 'enter the amount off');
    if (v.discountType === 'amount' && !v.currency) issue('currency', 'a fixed amount needs its currency');
    if (v.duration === 'repeating' && v.durationInMonths == null) issue('durationInMonths', 'enter the months');
    if (!startsBeforeEnd(v)) issue('validUntil', 'must be after valid from');
  })
  .transform((v) => ({
    ...v,
    percentOff: v.discountType === 'percent' ? (v.percentOff ?? null) : null,
    amountOff: v.discountType === 'amount' ? (v.amountOff ?? null) : null,
    currency: v.discountType === 'amount' ? (v.currency ?? null) : null,
    durationInMonths: v.duration === 'repeating' ? (v.durationInMonths ?? null) : null,
    validFrom: v.validFrom ? new Date(v.validFrom) : null,
    validUntil: v.validUntil ? new Date(v.validUntil) : null,
  }));

export const UpdatePromoCodeInput = z
  .object({
    id: Uuid('a promo code'),
    description: restrictionFields.description.optional().transform((v) => (v === undefined ? undefined : v || null)),
    maxRedemptions: restrictionFields.maxRedemptions.optional(),
    oncePerOrganization: z.boolean().optional(),
    firstTimeOnly: z.boolean().optional(),
    planIds: restrictionFields.planIds.optional(),
    billingCycle: restrictionFields.billingCycle.optional(),
    validFrom: restrictionFields.validFrom.optional(),
    validUntil: restrictionFields.validUntil.optional(),
    isActive: z.boolean().optional(),
  })
  .refine(startsBeforeEnd, { message: 'must be after valid from', path: ['validUntil'] })
  .transform((v) => ({ ...v, validFrom: toDate(v.validFrom), validUntil: toDate(v.validUntil) }));

export const PromoCodeIdInput = z.object({ id: Uuid('a promo code') });

export const PromoCodeOutput = z.object({
  id: z.string(),
  code: z.string(),
  description: z.string().nullable(),
  discountType: z.enum(['percent', 'amount']),
  percentOff: z.number().nullable(),
  amountOff: z.number().int().nullable(),
  currency: z.string().nullable(),
  duration: z.enum(['once', 'repeating', 'forever']),
  durationInMonths: z.number().int().nullable(),
  maxRedemptions: z.number().int().nullable(),
  timesRedeemed: z.number().int(),
  redemptionsLeft: z.number().int().nullable(),
  oncePerOrganization: z.boolean(),
  firstTimeOnly: z.boolean(),
  planIds: z.array(z.string()),
  billingCycle: BillingCycle.nullable(),
  validFrom: NullableTimestamp,
  validUntil: NullableTimestamp,
  isActive: z.boolean(),
  /** Its Stripe coupon and promotion code exist (otherwise they are made at the next edit or first use). */
  inStripe: z.boolean(),
  stripeCouponId: z.string().nullable(),
  stripePromotionCodeId: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type PromoCodeOutput = z.infer<typeof PromoCodeOutput>;

export const toPromoCodeOutput = (row: PromoCodeRow): PromoCodeOutput => ({
  id: row.id,
  code: row.code,
  description: row.description,
  discountType: row.discountType,
  percentOff: row.percentOff === null ? null : Number(row.percentOff),
  amountOff: row.amountOff,
  currency: row.currency,
  duration: row.duration,
  durationInMonths: row.durationInMonths,
  maxRedemptions: row.maxRedemptions,
  timesRedeemed: row.timesRedeemed,
  redemptionsLeft: redemptionsLeft(row),
  oncePerOrganization: row.oncePerOrganization,
  firstTimeOnly: row.firstTimeOnly,
  planIds: row.planIds,
  billingCycle: row.billingCycle,
  validFrom: iso(row.validFrom),
  validUntil: iso(row.validUntil),
  isActive: row.isActive,
  inStripe: row.stripePromotionCodeId !== null,
  stripeCouponId: row.stripeCouponId,
  stripePromotionCodeId: row.stripePromotionCodeId,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
