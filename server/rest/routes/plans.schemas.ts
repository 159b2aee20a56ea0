import { z } from 'zod';
import type { PlanFeatureView, PlanLimitView, PlanView } from '../../billing/plans.service';
import { isoRequired, major, majorOrNull, MajorAmount, Timestamp } from '../shape';

export const Plan = z
  .object({
    id: z.string(),
    name: z.string(),
    display_name: z.string(),
    description: z.string().nullable(),
    price_monthly: MajorAmount.nullable().describe('major units (29 means $29.00); null when not sold monthly'),
    price_yearly: MajorAmount.nullable().describe('major units; null when not sold yearly'),
    currency: z.string().describe('ISO 4217, lower case'),
    is_public: z.boolean(),
    sort_order: z.number().int(),
    stripe_product_id: z.string().nullable(),
    stripe_monthly_price_id: z.string().nullable(),
    stripe_yearly_price_id: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .strict();

export const PlanFeature = z
  .object({
    id: z.string(),
    plan_id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    feature_type: z.enum(['boolean', 'number', 'text']),
    value: z.string().describe('"true"/"false", a number, or text, as feature_type says'),
    is_highlighted: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .strict();

export const PlanLimit = z
  .object({
    id: z.string(),
    plan_id: z.string(),
    resource_type: z.string(),
    max_value: z.number().int().describe('included quantity; -1 = unlimited'),
    overage_price: MajorAmount.nullable().describe('major units per unit above max_value (0.001), or null'),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .strict();

export const PlanDetails = z
  .object({ plan: Plan, features: z.array(PlanFeature), limits: z.array(PlanLimit) })
  .strict();
export type PlanDetails = z.infer<typeof PlanDetails>;

export function toRestPlan(plan: PlanView): z.infer<typeof Plan> {
  return {
    id: plan.id,
    name: plan.name,
    display_name: plan.displayName,
    description: plan.description,
    price_monthly: majorOrNull(plan.priceMonthly, plan.currency),
    price_yearly: majorOrNull(plan.priceYearly, plan.currency),
    currency: plan.currency,
    is_public: plan.isPublic,
    sort_order: plan.sortOrder,
    stripe_product_id: plan.stripeProductId,
    stripe_monthly_price_id: plan.stripeMonthlyPriceId,
    stripe_yearly_price_id: plan.stripeYearlyPriceId,
    created_at: isoRequired(plan.createdAt),
    updated_at: isoRequired(plan.updatedAt),
  };
}

export const toRestFeature = (plan: PlanView, feature: PlanFeatureView): z.infer<typeof PlanFeature> => ({
  id: feature.id,
  plan_id: plan.id,
  name: feature.name,
  description: feature.description,
  feature_type: feature.featureType,
  value: feature.value,
  is_highlighted: feature.isHighlighted,
  created_at: isoRequired(feature.createdAt),
  updated_at: isoRequired(feature.updatedAt),
});

export const toRestLimit = (plan: PlanView, limit: PlanLimitView): z.infer<typeof PlanLimit> => ({
  id: limit.id,
  plan_id: plan.id,
  resource_type: limit.resourceType,
  max_value: limit.maxValue,
  overage_price: limit.overageUnitPrice === null ? null : major(limit.overageUnitPrice, plan.currency),
  created_at: isoRequired(limit.createdAt),
  updated_at: isoRequired(limit.updatedAt),
});

export const toPlanDetails = (plan: PlanView): PlanDetails => ({
  plan: toRestPlan(plan),
  features: plan.features.map((feature) => toRestFeature(plan, feature)),
  limits: plan.limits.map((limit) => toRestLimit(plan, limit)),
});
