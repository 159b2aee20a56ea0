import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { LIVE_SUBSCRIPTION_STATUSES, planPrices, plans, subscriptions, type BillingCycle } from '@/db/schema';
import { NotFoundError, ValidationError } from '../errors';

export type SubscriptionRow = typeof subscriptions.$inferSelect;

export interface SubscriptionView {
  id: string;
  organizationId: string;
  planId: string;
  plan: { id: string; name: string; displayName: string };
  billingCycle: BillingCycle;
  status: SubscriptionRow['status'];
  currency: string;
  unitAmount: number;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  trialEndsAt: Date | null;
  pastDueSince: Date | null;
  pendingChange: null | {
    planId: string;
    plan: { id: string; name: string; displayName: string } | null;
    billingCycle: BillingCycle;
    effectiveAt: Date | null;
  };
  stripeSubscriptionId: string | null;
  stripeCustomerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The organization's live subscription row (one at most, by the partial unique index). */
export async function liveSubscription(db: Database, organizationId: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.organizationId, organizationId),
        inArray(subscriptions.status, [...LIVE_SUBSCRIPTION_STATUSES]),
      ),
    );
  return row;
}

/** The live subscription if any, else the latest ended one; a purchase still being made does not count. */
export async function currentSubscription(db: Database, organizationId: string): Promise<SubscriptionView | null> {
  const live = await liveSubscription(db, organizationId);
  const row = live?.stripeSubscriptionId
    ? live
    : (
        await db
          .select()
          .from(subscriptions)
          .where(and(eq(subscriptions.organizationId, organizationId), isNotNull(subscriptions.stripeSubscriptionId)))
          .orderBy(desc(subscriptions.createdAt))
          .limit(1)
      )[0];
  return row ? toView(db, row) : null;
}

/** A subscription of the organization by id; another organization's reads as not found. */
export async function subscriptionOfOrg(db: Database, organizationId: string, id: string): Promise<SubscriptionRow> {
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, id), eq(subscriptions.organizationId, organizationId)));
  if (!row) throw new NotFoundError('Subscription');
  return row;
}

export async function toView(db: Database, row: SubscriptionRow): Promise<SubscriptionView> {
  const ids = [row.planId, ...(row.pendingPlanId ? [row.pendingPlanId] : [])];
  const planRows = await db
    .select({ id: plans.id, name: plans.name, displayName: plans.displayName })
    .from(plans)
    .where(inArray(plans.id, ids));
  const planOf = (id: string) => planRows.find((p) => p.id === id) ?? null;
  return {
    id: row.id,
    organizationId: row.organizationId,
    planId: row.planId,
    plan: planOf(row.planId)!,
    billingCycle: row.billingCycle,
    status: row.status,
    currency: row.currency,
    unitAmount: row.unitAmount,
    currentPeriodStart: row.currentPeriodStart,
    currentPeriodEnd: row.currentPeriodEnd,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    canceledAt: row.canceledAt,
    trialEndsAt: row.trialEndsAt,
    pastDueSince: row.pastDueSince,
    pendingChange:
      row.pendingPlanId && row.pendingBillingCycle
        ? {
            planId: row.pendingPlanId,
            plan: planOf(row.pendingPlanId),
            billingCycle: row.pendingBillingCycle,
            effectiveAt: row.pendingEffectiveAt,
          }
        : null,
    stripeSubscriptionId: row.stripeSubscriptionId,
    stripeCustomerId: row.stripeCustomerId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface PurchasablePrice {
  plan: typeof plans.$inferSelect;
  price: typeof planPrices.$inferSelect & { stripePriceId: string };
}

/**
 * The price to buy for a plan and cycle: the plan must be on sale (public, active) unless the buyer is
 * already on it, and the price must exist in Stripe.
 */
export async function purchasablePrice(
  db: Database,
  planId: string,
  billingCycle: BillingCycle,
  options: { allowPrivate?: boolean } = {},
): Promise<PurchasablePrice> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
  if (!plan || ((!plan.isActive || !plan.isPublic) && !options.allowPrivate)) throw new NotFoundError('Plan');
  const [price] = await db
    .select()
    .from(planPrices)
    .where(
      and(
        eq(planPrices.planId, planId),
        eq(planPrices.billingCycle, billingCycle),
        eq(planPrices.currency, plan.currency),
        eq(planPrices.isActive, true),
      ),
    );
  if (!price) {
    throw new ValidationError(`${plan.displayName} is not sold ${billingCycle}`, {
      billingCycle: [`no ${billingCycle} price`],
    });
  }
  if (!price.stripePriceId) throw new ValidationError(`${plan.displayName} is not yet available for purchase`);
  return { plan, price: { ...price, stripePriceId: price.stripePriceId } };
}
