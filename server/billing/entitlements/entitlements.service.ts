import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { usageRecords, usageTotals } from '@/db/schema';
import { lineTotal } from '../money';
import { meteredMetrics } from '../usage/metrics-catalog';
import { uuidv7 } from '../usage/uuid7';
import { checkFeature, checkLimit, denied, type CheckResult } from './check.rules';
import { loadContextForKey } from './check-one.query';
import { loadEntitlementContext, type EntitlementContext, type EntitlementPolicy } from './context.service';

interface Deps {
  db: Database;
  policy: EntitlementPolicy;
  now: Date;
}

/** Usage so far in the context's period, per metric. */
async function usageInPeriod(db: Database, context: EntitlementContext, metric?: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ metric: usageTotals.metric, quantity: usageTotals.quantity })
    .from(usageTotals)
    .where(
      and(
        eq(usageTotals.organizationId, context.organizationId),
        eq(usageTotals.periodStart, context.period.start),
        metric ? eq(usageTotals.metric, metric) : undefined,
      ),
    );
  return new Map(rows.map((r) => [r.metric, r.quantity]));
}

export interface EntitlementList {
  access: EntitlementContext['access'];
  plan: EntitlementContext['plan'];
  period: EntitlementContext['period'];
  features: Array<{ key: string; featureType: string; value: string; enabled: boolean }>;
  limits: Array<{
    key: string;
    limit: number | null;
    unlimited: boolean;
    enforcement: 'hard' | 'soft';
    usageType: string;
    used: number;
    remaining: number | null;
    overageUnitPrice: string | null;
    overage: number;
    overageAmount: number;
  }>;
}

/** The features and limits in force, with usage so far and any overage in money. */
export async function listEntitlements(deps: Deps, organizationId: string): Promise<EntitlementList> {
  const context = await loadEntitlementContext(deps.db, organizationId, deps.policy, deps.now);
  const usage = await usageInPeriod(deps.db, context);
  return {
    access: context.access,
    plan: context.plan,
    period: context.period,
    features: [...context.features].map(([key, f]) => ({ key, ...f, enabled: checkFeature(key, f).allowed })),
    limits: [...context.limits].map(([key, limit]) => {
      const used = limit.usageType === 'static' ? 0 : (usage.get(key) ?? 0);
      const overage = limit.maxValue === -1 || limit.usageType === 'static' ? 0 : Math.max(0, used - limit.maxValue);
      return {
        key,
        limit: limit.maxValue === -1 ? null : limit.maxValue,
        unlimited: limit.maxValue === -1,
        enforcement: limit.enforcement,
        usageType: limit.usageType,
        used,
        remaining: limit.maxValue === -1 ? null : Math.max(0, limit.maxValue - used),
        overageUnitPrice: limit.overageUnitPrice,
        overage,
        overageAmount: limit.overageUnitPrice && overage > 0 ? lineTotal(limit.overageUnitPrice, overage) : 0,
      };
    }),
  };
}

function decide(context: EntitlementContext, key: string, quantity: number, used: number): CheckResult {
  if (context.access.source === 'none') return denied(key, context.access.denial ?? 'no_subscription');
  const limit = context.limits.get(key);
  if (limit) return checkLimit(key, limit, used, quantity);
  const feature = context.features.get(key);
  if (feature) return checkFeature(key, feature);
  // The plan says nothing about it: the plan does not include it.
  return denied(key, context.access.denial ?? 'feature_disabled');
}

/** May the organization use `quantity` more of `key` (a limit or a feature)? Nothing is recorded. */
export async function checkEntitlement(
  deps: Deps,
  organizationId: string,
  key: string,
  quantity: number,
): Promise<CheckResult> {
  const { context, used } = await loadContextForKey(deps.db, organizationId, key, deps.policy, deps.now);
  return decide(context, key, quantity, used);
}

class LimitReached extends Error {}

/**
 * Check and record in one step: the usage is recorded only if allowed, with a conditional increment
 * that re-checks the limit under the row lock, so concurrent calls never push a hard limit over.
 * A repeated idempotency key records nothing and answers with the current state.
 */
export async function consumeEntitlement(
  deps: Deps,
  organizationId: string,
  input: { metric: string; quantity: number; idempotencyKey: string },
): Promise<CheckResult & { duplicate: boolean }> {
  const context = await loadEntitlementContext(deps.db, organizationId, deps.policy, deps.now);
  const kind = (await meteredMetrics(deps.db, deps.now.getTime())).get(input.metric);
  const usedBefore = (await usageInPeriod(deps.db, context, input.metric)).get(input.metric) ?? 0;
  const verdict = decide(context, input.metric, input.quantity, usedBefore);
  if (!verdict.allowed || !kind) return { ...verdict, allowed: verdict.allowed && Boolean(kind), duplicate: false };
  const limit = context.limits.get(input.metric);
  const cap = limit && limit.enforcement === 'hard' && limit.maxValue !== -1 ? limit.maxValue : null;
  try {
    return await deps.db.transaction(async (tx) => {
      const [recorded] = await tx
        .insert(usageRecords)
        .values({
          id: uuidv7(deps.now.getTime()),
          organizationId,
          metric: input.metric,
          quantity: input.quantity,
          idempotencyKey: input.idempotencyKey,
          occurredAt: deps.now,
          periodStart: context.period.start,
        })
        .onConflictDoNothing()
        .returning({ id: usageRecords.id });
      if (!recorded) {
        const used = (await usageInPeriod(tx, context, input.metric)).get(input.metric) ?? 0;
        return { ...decide(context, input.metric, 0, used), duplicate: true };
      }
      await tx
        .insert(usageTotals)
        .values({ organizationId, metric: input.metric, periodStart: context.period.start, quantity: 0 })
        .onConflictDoNothing();
      const [total] = await tx
        .update(usageTotals)
        .set({
          quantity: sql`${usageTotals.quantity} + ${input.quantity}`,
          lastOccurredAt: deps.now,
          updatedAt: deps.now,
        })
        .where(
          and(
            eq(usageTotals.organizationId, organizationId),
            eq(usageTotals.metric, input.metric),
            eq(usageTotals.periodStart, context.period.start),
            cap === null ? undefined : sql`${usageTotals.quantity} + ${input.quantity} <= ${cap}`,
          ),
        )
        .returning({ quantity: usageTotals.quantity });
      if (!total) throw new LimitReached();
      const after = decide(context, input.metric, 0, total.quantity);
      const overage = limit && limit.maxValue !== -1 ? Math.max(0, total.quantity - limit.maxValue) : 0;
      return {
        ...after,
        used: total.quantity,
        overage,
        reason: overage > 0 ? 'soft_limit_overage' : 'ok',
        allowed: true,
        duplicate: false,
      };
    });
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
    const used = (await usageInPeriod(deps.db, context, input.metric)).get(input.metric) ?? 0;
    return { ...decide(context, input.metric, input.quantity, used), duplicate: false };
  }
}
