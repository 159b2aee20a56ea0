import type { Database } from '../client';
import { planFeatures, planLimits, planPrices, plans, promoCodes } from '../schema';
import { SAMPLE_PLANS, SAMPLE_PROMO_CODES } from './sample-catalog';

export interface SeedResult {
  inserted: number;
}

/**
 * Loads the sample catalog. Every insert is ON CONFLICT DO NOTHING, so a second run changes nothing
 * and an admin's later edits are never overwritten.
 */
export async function seedSampleCatalog(db: Database, now = new Date()): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    let inserted = 0;
    const count = (rows: unknown[]) => (inserted += rows.length);
    for (const plan of SAMPLE_PLANS) {
      count(
        await tx
          .insert(plans)
          .values({
            id: plan.id,
            name: plan.name,
            displayName: plan.displayName,
            description: plan.description,
            sortOrder: plan.sortOrder,
            currency: 'usd',
          })
          .onConflictDoNothing()
          .returning({ id: plans.id }),
      );
      count(
        await tx
          .insert(planPrices)
          .values(
            [
              { planId: plan.id, currency: 'usd', billingCycle: 'monthly' as const, unitAmount: plan.monthly },
              { planId: plan.id, currency: 'usd', billingCycle: 'yearly' as const, unitAmount: plan.yearly },
            ].map((p) => ({ ...p, lookupKey: `${plan.name}_${p.billingCycle}_${p.currency}` })),
          )
          .onConflictDoNothing()
          .returning({ id: planPrices.id }),
      );
      count(
        await tx
          .insert(planFeatures)
          .values(
            plan.features.map(([name, featureType, value, isHighlighted, description], sortOrder) => ({
              planId: plan.id,
              name,
              featureType,
              value,
              isHighlighted,
              description,
              sortOrder,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: planFeatures.id }),
      );
      count(
        await tx
          .insert(planLimits)
          .values(
            plan.limits.map(([resourceType, maxValue, overageUnitPrice, usageType]) => ({
              planId: plan.id,
              resourceType,
              maxValue,
              overageUnitPrice,
              usageType,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: planLimits.id }),
      );
    }
    for (const promo of SAMPLE_PROMO_CODES) {
      const validUntil = promo.validMonths === null ? null : addMonths(now, promo.validMonths);
      count(
        await tx
          .insert(promoCodes)
          .values({
            code: promo.code,
            description: promo.description,
            discountType: promo.percentOff ? 'percent' : 'amount',
            percentOff: promo.percentOff ?? null,
            amountOff: promo.amountOff ?? null,
            currency: promo.amountOff ? 'usd' : null,
            duration: promo.duration,
            maxRedemptions: promo.maxRedemptions,
            firstTimeOnly: promo.firstTimeOnly,
            billingCycle: promo.billingCycle,
            validFrom: now,
            validUntil,
            isActive: promo.isActive,
          })
          .onConflictDoNothing()
          .returning({ id: promoCodes.id }),
      );
    }
    return { inserted };
  });
}

function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}
