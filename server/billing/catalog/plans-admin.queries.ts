import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { LIVE_SUBSCRIPTION_STATUSES, planPrices, plans, subscriptions } from '@/db/schema';
import { getPlanById, type PlanView } from '../plans.service';

/** A plan as the platform admin sees it: archived and private ones too, with its Stripe state and subscribers. */
export interface AdminPlanView extends PlanView {
  archivedAt: Date | null;
  /** The product and every price on sale exist in Stripe (a failed sync is retried by saving again). */
  inStripe: boolean;
  /** Organizations with a live subscription on the plan. */
  subscribers: number;
  /** Of those, how many pay a price no longer on sale (see movePriceSubscribers). */
  subscribersOnOldPrices: number;
}

/** Every plan, archived and private included, in display order. */
export async function listPlansForAdmin(db: Database): Promise<AdminPlanView[]> {
  const rows = await db.select({ id: plans.id }).from(plans).orderBy(asc(plans.sortOrder), asc(plans.name));
  return plansForAdmin(
    db,
    rows.map((r) => r.id),
  );
}

/** One plan for the admin, whatever its state. */
export async function getPlanForAdmin(db: Database, id: string): Promise<AdminPlanView> {
  const [plan] = await plansForAdmin(db, [id]);
  return plan!;
}

async function plansForAdmin(db: Database, ids: string[]): Promise<AdminPlanView[]> {
  if (ids.length === 0) return [];
  const views: PlanView[] = [];
  // Sequential: a handful of plans, and PGlite serves one query at a time anyway.
  for (const id of ids) views.push(await getPlanById(db, id));
  const rows = await db
    .select({ id: plans.id, archivedAt: plans.archivedAt, stripeProductId: plans.stripeProductId })
    .from(plans)
    .where(inArray(plans.id, ids));
  const counts = await db
    .select({
      planId: subscriptions.planId,
      total: count(),
      onOldPrices: sql<number>`count(*) filter (where ${planPrices.isActive} is not true)`.mapWith(Number),
    })
    .from(subscriptions)
    .leftJoin(planPrices, eq(planPrices.id, subscriptions.planPriceId))
    .where(
      and(
        inArray(subscriptions.planId, ids),
        inArray(subscriptions.status, [...LIVE_SUBSCRIPTION_STATUSES]),
        sql`${subscriptions.stripeSubscriptionId} is not null`,
      ),
    )
    .groupBy(subscriptions.planId);
  return views.map((view) => {
    const row = rows.find((r) => r.id === view.id)!;
    const counted = counts.find((c) => c.planId === view.id);
    return {
      ...view,
      archivedAt: row.archivedAt,
      inStripe: row.stripeProductId !== null && view.prices.every((p) => p.stripePriceId !== null),
      subscribers: counted?.total ?? 0,
      subscribersOnOldPrices: counted?.onOldPrices ?? 0,
    };
  });
}
