import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { LIVE_SUBSCRIPTION_STATUSES, planPrices, subscriptions, type BillingCycle } from '@/db/schema';
import { ConflictError } from '../../errors';
import { applySubscription } from '../../stripe/mirror/subscriptions';
import { recordAudit } from '../audit.service';
import type { CatalogCaller, CatalogDeps } from './catalog.deps';
import { loadPlan } from './plan-prices.service';

export interface PriceMoveGroup {
  currency: string;
  billingCycle: BillingCycle;
  /** Organizations on an older price of this currency and cycle. */
  organizations: number;
  /** What they pay now (minor units), lowest first. */
  fromAmounts: number[];
  /** The price on sale, null when this currency and cycle is no longer sold (they cannot be moved). */
  toAmount: number | null;
  /** Those with a downgrade scheduled: their schedule decides their next price, so they are left alone. */
  scheduled: number;
}

export interface PriceMovePreview {
  planId: string;
  /** How many organizations a move would change now. */
  movable: number;
  groups: PriceMoveGroup[];
}

type Candidate = Awaited<ReturnType<typeof candidates>>[number];

/** Live, Stripe-confirmed subscriptions of the plan that pay a price no longer on sale, with the current price. */
async function candidates(db: Database, planId: string) {
  const subs = await db
    .select({
      id: subscriptions.id,
      organizationId: subscriptions.organizationId,
      billingCycle: subscriptions.billingCycle,
      currency: subscriptions.currency,
      unitAmount: subscriptions.unitAmount,
      planPriceId: subscriptions.planPriceId,
      stripeSubscriptionId: subscriptions.stripeSubscriptionId,
      stripeScheduleId: subscriptions.stripeScheduleId,
    })
    .from(subscriptions)
    .leftJoin(planPrices, eq(planPrices.id, subscriptions.planPriceId))
    .where(
      and(
        eq(subscriptions.planId, planId),
        inArray(subscriptions.status, [...LIVE_SUBSCRIPTION_STATUSES]),
        isNotNull(subscriptions.stripeSubscriptionId),
        sql`${planPrices.isActive} is not true`,
      ),
    );
  const onSale = await db
    .select()
    .from(planPrices)
    .where(and(eq(planPrices.planId, planId), eq(planPrices.isActive, true), isNotNull(planPrices.stripePriceId)));
  return subs.map((sub) => ({
    ...sub,
    stripeSubscriptionId: sub.stripeSubscriptionId!,
    target: onSale.find((p) => p.currency === sub.currency && p.billingCycle === sub.billingCycle) ?? null,
  }));
}

const movable = (c: Candidate) => c.target !== null && c.stripeScheduleId === null;

/** How many organizations "move subscribers to the current price" would change, per currency and cycle. */
export async function previewPriceMove(db: Database, planId: string): Promise<PriceMovePreview> {
  await loadPlan(db, planId);
  const all = await candidates(db, planId);
  const groups = new Map<string, PriceMoveGroup>();
  for (const c of all) {
    const key = `${c.currency}:${c.billingCycle}`;
    const group = groups.get(key) ?? {
      currency: c.currency,
      billingCycle: c.billingCycle,
      organizations: 0,
      fromAmounts: [],
      toAmount: c.target?.unitAmount ?? null,
      scheduled: 0,
    };
    group.organizations++;
    if (c.stripeScheduleId) group.scheduled++;
    if (!group.fromAmounts.includes(c.unitAmount)) group.fromAmounts.push(c.unitAmount);
    group.fromAmounts.sort((a, b) => a - b);
    groups.set(key, group);
  }
  return { planId, movable: all.filter(movable).length, groups: [...groups.values()] };
}

export interface PriceMoveResult {
  moved: number;
  failed: Array<{ organizationId: string; subscriptionId: string; message: string }>;
}

/**
 * Moves every subscriber of the plan on an older price to the price on sale, with proration off: the
 * new amount applies from their next renewal and nothing is charged or credited now. `expectedCount`
 * is the preview's `movable`; a different count now means the admin confirmed something else.
 */
export async function movePriceSubscribers(
  deps: CatalogDeps,
  caller: CatalogCaller,
  input: { planId: string; expectedCount?: number },
): Promise<PriceMoveResult> {
  await loadPlan(deps.db, input.planId);
  const todo = (await candidates(deps.db, input.planId)).filter(movable);
  if (input.expectedCount !== undefined && input.expectedCount !== todo.length) {
    throw new ConflictError(
      `${todo.length} organizations would move now, not ${input.expectedCount}: preview the move again`,
    );
  }
  const result: PriceMoveResult = { moved: 0, failed: [] };
  for (const sub of todo) {
    try {
      await moveOne(deps, caller, sub);
      result.moved++;
    } catch (error) {
      result.failed.push({
        organizationId: sub.organizationId,
        subscriptionId: sub.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  await recordAudit(deps.db, {
    organizationId: null,
    actor: caller.actor,
    action: 'plan.subscribers_moved',
    targetType: 'plan',
    targetId: input.planId,
    after: { moved: result.moved, failed: result.failed.length },
    requestId: caller.requestId,
  });
  return result;
}

/** One subscription: Stripe first (skipped when a retry finds it already moved), then the mirror and audit. */
async function moveOne(deps: CatalogDeps, caller: CatalogCaller, sub: Candidate) {
  const target = sub.target!;
  let snapshot = await deps.payments.retrieveSubscription(sub.stripeSubscriptionId);
  if (!snapshot.itemId) throw new ConflictError('The subscription has no item to move');
  if (snapshot.priceId !== target.stripePriceId) {
    const prorationDate = Math.floor(Date.now() / 1000);
    snapshot = await deps.payments.changeSubscriptionPrice(
      {
        subscriptionId: snapshot.id,
        itemId: snapshot.itemId,
        priceId: target.stripePriceId!,
        prorationDate,
        proration: 'none',
      },
      `admin:price-move:${sub.id}:${target.id}:${prorationDate}`,
    );
  }
  await deps.db.transaction(async (tx) => {
    await applySubscription(tx, snapshot, {
      actor: caller.actor,
      stripeEventId: null,
      requestId: caller.requestId,
      eventAt: new Date(),
      authoritative: true,
    });
    await recordAudit(tx, {
      organizationId: sub.organizationId,
      actor: caller.actor,
      action: 'subscription.price_moved',
      targetType: 'subscription',
      targetId: sub.id,
      before: { planPriceId: sub.planPriceId, unitAmount: sub.unitAmount },
      after: { planPriceId: target.id, unitAmount: target.unitAmount },
      requestId: caller.requestId,
    });
  });
}
