import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { LIVE_SUBSCRIPTION_STATUSES, planFeatures, planLimits, plans, subscriptions } from '@/db/schema';
import { normalizeDecimal } from '../money';
import { effectiveEnforcement } from '../plans.service';
import { currentPeriod, type Period, type PeriodAnchor } from '../usage/periods';
import { decideAccess, type AccessDecision } from './access.rules';
import type { FeatureTerms, LimitTerms } from './check.rules';

export interface EntitlementPolicy {
  graceDays: number;
  /** The free tier an organization falls back to, if any. */
  fallbackPlanId: string | null;
}

/** What an organization may do right now, and in which billing period its usage counts. */
export interface EntitlementContext {
  organizationId: string;
  access: AccessDecision;
  /** The plan whose features and limits apply (the subscription's, or the fallback); null = none. */
  plan: { id: string; name: string; displayName: string; currency: string } | null;
  subscription: (PeriodAnchor & { id: string; status: string; planId: string }) | null;
  period: Period;
  features: Map<string, FeatureTerms>;
  limits: Map<string, LimitTerms & { overageUnitPrice: string | null }>;
}

/**
 * Reads the organization's subscription and the plan in force. Features and limits are read from the
 * plan's rows on every call, so an admin's edit reaches every subscriber at once.
 */
export async function loadEntitlementContext(
  db: Database,
  organizationId: string,
  policy: EntitlementPolicy,
  now: Date,
): Promise<EntitlementContext> {
  const [subscription] = await db
    .select({
      id: subscriptions.id,
      status: subscriptions.status,
      planId: subscriptions.planId,
      pastDueSince: subscriptions.pastDueSince,
      currentPeriodStart: subscriptions.currentPeriodStart,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
      billingCycle: subscriptions.billingCycle,
    })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.organizationId, organizationId),
        inArray(subscriptions.status, [...LIVE_SUBSCRIPTION_STATUSES]),
      ),
    );
  const access = decideAccess(subscription ?? null, {
    now,
    graceDays: policy.graceDays,
    hasFallbackPlan: policy.fallbackPlanId !== null,
  });
  const planId =
    access.source === 'plan' || access.source === 'grace'
      ? subscription!.planId
      : access.source === 'fallback'
        ? policy.fallbackPlanId
        : null;
  const [plan, features, limits] = planId
    ? await Promise.all([
        db
          .select({ id: plans.id, name: plans.name, displayName: plans.displayName, currency: plans.currency })
          .from(plans)
          .where(eq(plans.id, planId))
          .then((rows) => rows[0] ?? null),
        db.select().from(planFeatures).where(eq(planFeatures.planId, planId)),
        db.select().from(planLimits).where(eq(planLimits.planId, planId)),
      ])
    : [null, [], []];
  return {
    organizationId,
    access,
    plan,
    subscription: subscription ?? null,
    // Usage counts in the subscription's period even in grace or fallback: that is what gets billed.
    period: currentPeriod(subscription ?? null, now),
    features: new Map(features.map((f) => [f.name, { featureType: f.featureType, value: f.value }])),
    limits: new Map(
      limits.map((l) => [
        l.resourceType,
        {
          maxValue: l.maxValue,
          overageUnitPrice: l.overageUnitPrice === null ? null : normalizeDecimal(l.overageUnitPrice),
          enforcement: effectiveEnforcement(l),
          usageType: l.usageType,
        },
      ]),
    ),
  };
}
