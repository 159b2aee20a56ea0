import { z } from 'zod';
import { SLUG_PATTERN } from '../../billing/catalog/catalog.rules';
import type { LimitInput } from '../../billing/catalog/features-limits.service';
import type { AdminPlanView } from '../../billing/catalog/plans-admin.queries';
import type { PriceMovePreview, PriceMoveResult } from '../../billing/catalog/price-move.service';
import { PlanFeatureOutput, PlanLimitOutput, toFeatureOutput, toLimitOutput } from '../plans.schemas';
import { BillingCycle, iso, NullableTimestamp, Timestamp, Uuid } from '../shape';

const Slug = z
  .string()
  .trim()
  .regex(SLUG_PATTERN, 'lowercase letters, digits, - and _ (it becomes part of Stripe lookup keys)');
const Key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'lowercase letters, digits and _, starting with a letter');
export const Currency = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{3}$/, 'a three-letter currency code, e.g. usd');
/** Blank text is no text. */
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((v) => v || null);

export const PlanIdInput = z.object({ id: Uuid('a plan') });

const PriceInput = z.object({
  currency: Currency,
  billingCycle: BillingCycle,
  unitAmount: z
    .number()
    .int('whole minor units (cents)')
    .min(0, 'must not be negative')
    .max(99_999_999, 'too large for one price'),
});

const detailFields = {
  name: Slug,
  displayName: z.string().trim().min(1, 'give the plan a name').max(100, 'at most 100 characters'),
  description: OptionalText(500),
  currency: Currency,
  trialDays: z.number().int().min(0, 'must not be negative').max(730, 'at most 730 days'),
  isPublic: z.boolean(),
  sortOrder: z.number().int().min(0).max(100_000),
};

const FeatureInput = z.object({
  id: Uuid('a feature').optional(),
  name: Key,
  description: OptionalText(200),
  featureType: z.enum(['boolean', 'number', 'text']),
  value: z.string().trim().min(1, 'enter a value').max(200),
  isHighlighted: z.boolean().default(false),
});

const LimitInput = z
  .object({
    id: Uuid('a limit').optional(),
    resourceType: Key,
    unlimited: z.boolean().default(false),
    maxValue: z.number().int().min(0, 'must not be negative').optional(),
    enforcement: z.enum(['hard', 'soft']),
    overageUnitPrice: z
      .string()
      .trim()
      .regex(/^\d+(\.\d{1,10})?$/, 'an exact amount of minor units, e.g. 0.1 for $0.001')
      .nullish()
      .transform((v) => v || null),
    usageType: z.enum(['counter', 'gauge', 'static']).default('counter'),
  })
  .refine((l) => l.unlimited || l.maxValue !== undefined, {
    message: 'enter the included quantity, or choose unlimited',
    path: ['maxValue'],
  })
  .transform(({ unlimited, maxValue, ...rest }): LimitInput => ({
    ...rest,
    maxValue: unlimited ? -1 : (maxValue ?? 0),
  }));

export const CreatePlanInput = z.object({
  ...detailFields,
  currency: Currency.default('usd'),
  trialDays: detailFields.trialDays.default(0),
  isPublic: z.boolean().default(true),
  /** Omitted: after every other plan. */
  sortOrder: detailFields.sortOrder.optional(),
  prices: z.array(PriceInput).min(1, 'add at least one price').max(20),
  features: z.array(FeatureInput).max(100).optional(),
  limits: z.array(LimitInput).max(100).optional(),
});
export type CreatePlanInput = z.infer<typeof CreatePlanInput>;

export const UpdatePlanInput = z.object({
  id: Uuid('a plan'),
  name: detailFields.name.optional(),
  displayName: detailFields.displayName.optional(),
  description: z
    .string()
    .trim()
    .max(500, 'at most 500 characters')
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null)),
  currency: Currency.optional(),
  trialDays: detailFields.trialDays.optional(),
  isPublic: z.boolean().optional(),
  sortOrder: detailFields.sortOrder.optional(),
  /** The complete set on sale: a changed amount is a new Stripe price; a missing one stops being sold. */
  prices: z.array(PriceInput).min(1, 'add at least one price').max(20).optional(),
});
export type UpdatePlanInput = z.infer<typeof UpdatePlanInput>;

export const ReorderPlansInput = z.object({
  planIds: z.array(Uuid('a plan')).min(1).max(200),
});
export const SetFeaturesInput = z.object({ planId: Uuid('a plan'), features: z.array(FeatureInput).max(100) });
export const SetLimitsInput = z.object({ planId: Uuid('a plan'), limits: z.array(LimitInput).max(100) });
export const PlanRefInput = z.object({ planId: Uuid('a plan') });
export const MovePriceSubscribersInput = z.object({
  planId: Uuid('a plan'),
  /** The preview's `movable`: refused with CONFLICT when the number has changed since. */
  expectedCount: z.number().int().min(0).optional(),
});

export const AdminPlanOutput = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
  currency: z.string(),
  priceMonthly: z.number().int().nullable(),
  priceYearly: z.number().int().nullable(),
  trialDays: z.number().int(),
  isPublic: z.boolean(),
  isActive: z.boolean(),
  archivedAt: NullableTimestamp,
  sortOrder: z.number().int(),
  stripeProductId: z.string().nullable(),
  inStripe: z.boolean(),
  subscribers: z.number().int(),
  subscribersOnOldPrices: z.number().int(),
  prices: z.array(
    z.object({
      id: z.string(),
      currency: z.string(),
      billingCycle: BillingCycle,
      unitAmount: z.number().int(),
      stripePriceId: z.string().nullable(),
    }),
  ),
  features: z.array(PlanFeatureOutput),
  limits: z.array(PlanLimitOutput),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AdminPlanOutput = z.infer<typeof AdminPlanOutput>;

export const toAdminPlanOutput = (plan: AdminPlanView): AdminPlanOutput => ({
  id: plan.id,
  name: plan.name,
  displayName: plan.displayName,
  description: plan.description,
  currency: plan.currency,
  priceMonthly: plan.priceMonthly,
  priceYearly: plan.priceYearly,
  trialDays: plan.trialDays,
  isPublic: plan.isPublic,
  isActive: plan.isActive,
  archivedAt: iso(plan.archivedAt),
  sortOrder: plan.sortOrder,
  stripeProductId: plan.stripeProductId,
  inStripe: plan.inStripe,
  subscribers: plan.subscribers,
  subscribersOnOldPrices: plan.subscribersOnOldPrices,
  prices: plan.prices,
  features: plan.features.map(toFeatureOutput),
  limits: plan.limits.map(toLimitOutput),
  createdAt: plan.createdAt.toISOString(),
  updatedAt: plan.updatedAt.toISOString(),
});

export const PriceMovePreviewOutput = z.object({
  planId: z.string(),
  movable: z.number().int(),
  groups: z.array(
    z.object({
      currency: z.string(),
      billingCycle: BillingCycle,
      organizations: z.number().int(),
      fromAmounts: z.array(z.number().int()),
      toAmount: z.number().int().nullable(),
      scheduled: z.number().int(),
    }),
  ),
}) satisfies z.ZodType<PriceMovePreview>;

export const PriceMoveResultOutput = z.object({
  moved: z.number().int(),
  failed: z.array(z.object({ organizationId: z.string(), subscriptionId: z.string(), message: z.string() })),
}) satisfies z.ZodType<PriceMoveResult>;
