import { z } from 'zod';
import type { PlanView } from '../billing/plans.service';
import { Timestamp } from './shape';

export const PlanIdInput = z.object({ id: z.string().uuid({ message: 'must be a plan id (UUID)' }) });
export type PlanIdInput = z.infer<typeof PlanIdInput>;

export const PlanFeatureOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  featureType: z.enum(['boolean', 'number', 'text']),
  value: z.string(),
  isHighlighted: z.boolean(),
});

export const PlanLimitOutput = z.object({
  id: z.string(),
  resourceType: z.string(),
  maxValue: z.number().int(),
  unlimited: z.boolean(),
  overageUnitPrice: z.string().nullable().describe('exact minor units per unit above the included quantity'),
  enforcement: z.enum(['hard', 'soft']),
  usageType: z.enum(['counter', 'gauge', 'static']),
});

type FeatureOutput = z.infer<typeof PlanFeatureOutput>;
type LimitOutput = z.infer<typeof PlanLimitOutput>;

/** Only the declared fields, for the public and the admin view alike. */
export const toFeatureOutput = (feature: FeatureOutput): FeatureOutput => ({
  id: feature.id,
  name: feature.name,
  description: feature.description,
  featureType: feature.featureType,
  value: feature.value,
  isHighlighted: feature.isHighlighted,
});
export const toLimitOutput = (limit: LimitOutput): LimitOutput => ({
  id: limit.id,
  resourceType: limit.resourceType,
  maxValue: limit.maxValue,
  unlimited: limit.unlimited,
  overageUnitPrice: limit.overageUnitPrice,
  enforcement: limit.enforcement,
  usageType: limit.usageType,
});

/** A public plan: prices in minor units of `currency`. Declared so no column leaks by accident. */
export const PlanOutput = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
  currency: z.string(),
  priceMonthly: z.number().int().nullable(),
  priceYearly: z.number().int().nullable(),
  trialDays: z.number().int(),
  sortOrder: z.number().int(),
  prices: z.array(
    z.object({ currency: z.string(), billingCycle: z.enum(['monthly', 'yearly']), unitAmount: z.number().int() }),
  ),
  features: z.array(PlanFeatureOutput),
  limits: z.array(PlanLimitOutput),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type PlanOutput = z.infer<typeof PlanOutput>;

export function toPlanOutput(plan: PlanView): PlanOutput {
  return {
    id: plan.id,
    name: plan.name,
    displayName: plan.displayName,
    description: plan.description,
    currency: plan.currency,
    priceMonthly: plan.priceMonthly,
    priceYearly: plan.priceYearly,
    trialDays: plan.trialDays,
    sortOrder: plan.sortOrder,
    prices: plan.prices.map(({ currency, billingCycle, unitAmount }) => ({ currency, billingCycle, unitAmount })),
    features: plan.features.map(toFeatureOutput),
    limits: plan.limits.map(toLimitOutput),
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}
