import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { LIVE_SUBSCRIPTION_STATUSES, type BillingCycle, type SubscriptionStatus } from '@/db/schema';
import { normalizeDecimal } from '../money';
import { effectiveEnforcement } from '../plans.service';
import { calendarMonth } from '../usage/periods';
import { decideAccess } from './access.rules';
import type { EntitlementContext, EntitlementPolicy } from './context.service';

type Row = {
  status: SubscriptionStatus | null;
  past_due_since: Date | string | null;
  sub_plan_id: string | null;
  current_period_start: Date | string | null;
  current_period_end: Date | string | null;
  billing_cycle: BillingCycle | null;
  limit_plan_id: string | null;
  max_value: number | string | null;
  overage_unit_price: string | null;
  enforcement: 'hard' | 'soft' | null;
  usage_type: 'counter' | 'gauge' | 'static' | null;
  feature_plan_id: string | null;
  feature_type: 'boolean' | 'number' | 'text' | null;
  value: string | null;
  used: number | string | null;
};

const date = (v: Date | string | null) => (v === null ? null : new Date(v));
const LIVE = sql.raw(LIVE_SUBSCRIPTION_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * Everything one entitlement check needs, in one round trip: the live subscription, the limit or
 * feature named `key` on its plan (and on the fallback plan), and the usage so far in its period.
 * entitlements.check is the hot path; this keeps it to a single statement.
 */
export async function loadContextForKey(
  db: Database,
  organizationId: string,
  key: string,
  policy: EntitlementPolicy,
  now: Date,
): Promise<{ context: EntitlementContext; used: number }> {
  const fallback = policy.fallbackPlanId;
  const calendarStart = calendarMonth(now).start.toISOString();
  const result = await db.execute<Row>(sql`
    select s.status, s.past_due_since, s.plan_id as sub_plan_id, s.current_period_start, s.current_period_end,
      s.billing_cycle, l.plan_id as limit_plan_id, l.max_value, l.overage_unit_price, l.enforcement, l.usage_type,
      f.plan_id as feature_plan_id, f.feature_type, f.value, t.quantity as used
    from (select 1) as one
    left join subscriptions s on s.organization_id = ${organizationId} and s.status in (${LIVE})
    left join plan_limits l on l.resource_type = ${key} and (l.plan_id = s.plan_id or l.plan_id = ${fallback}::uuid)
    left join plan_features f on f.name = ${key} and (f.plan_id = s.plan_id or f.plan_id = ${fallback}::uuid)
    left join usage_totals t on t.organization_id = ${organizationId} and t.metric = ${key}
      and t.period_start = coalesce(s.current_period_start, ${calendarStart}::timestamptz)`);
  const rows = Array.isArray(result) ? (result as Row[]) : (result as unknown as { rows: Row[] }).rows;
  const first = rows[0]!;
  const subscription = first.status
    ? {
        id: '',
        status: first.status,
        planId: first.sub_plan_id!,
        pastDueSince: date(first.past_due_since),
        currentPeriodStart: date(first.current_period_start),
        currentPeriodEnd: date(first.current_period_end),
        billingCycle: first.billing_cycle!,
      }
    : null;
  const access = decideAccess(subscription, { now, graceDays: policy.graceDays, hasFallbackPlan: fallback !== null });
  const planId =
    access.source === 'plan' || access.source === 'grace'
      ? subscription!.planId
      : access.source === 'fallback'
        ? fallback
        : null;
  const limit = rows.find((r) => r.limit_plan_id === planId && r.max_value !== null);
  const feature = rows.find((r) => r.feature_plan_id === planId && r.feature_type !== null);
  const period =
    subscription?.currentPeriodStart && subscription.currentPeriodEnd
      ? { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd }
      : calendarMonth(now);
  const context: EntitlementContext = {
    organizationId,
    access,
    plan: planId ? { id: planId, name: '', displayName: '', currency: '' } : null,
    subscription,
    period,
    features: new Map(feature ? [[key, { featureType: feature.feature_type!, value: feature.value! }]] : []),
    limits: new Map(
      limit
        ? [
            [
              key,
              {
                maxValue: Number(limit.max_value),
                overageUnitPrice: limit.overage_unit_price === null ? null : normalizeDecimal(limit.overage_unit_price),
                enforcement: effectiveEnforcement({
                  enforcement: limit.enforcement,
                  overageUnitPrice: limit.overage_unit_price,
                }),
                usageType: limit.usage_type!,
              },
            ],
          ]
        : [],
    ),
  };
  // Usage counts only in the subscription's period (a row of another period may not be joined).
  return { context, used: Number(first.used ?? 0) };
}
