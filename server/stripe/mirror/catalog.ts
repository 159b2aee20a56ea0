import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { planPrices, plans, promoCodes } from '@/db/schema';
import { recordAudit } from '../../billing/audit.service';
import type { PriceSnapshot, ProductSnapshot, PromotionCodeSnapshot } from '../../billing/payments.port';
import type { ApplyOutcome } from './ordering';
import type { MirrorContext } from './subscriptions';

/**
 * The catalog is ours, and Stripe's products, prices and promotion codes mirror it; these apply what
 * changed on Stripe's side (a dashboard edit, or our own edit whose database write failed). A payload may
 * be older than an edit made since, so nothing is written from it: the object is read back from Stripe
 * first (`needs-truth`), which makes order and duplicates harmless. Objects that are not ours are ignored.
 */

const audit = (
  db: Database,
  context: MirrorContext,
  action: string,
  targetType: string,
  targetId: string,
  before: unknown,
  after: unknown,
) =>
  recordAudit(db, {
    organizationId: null,
    actor: context.actor,
    action,
    targetType,
    targetId,
    before,
    after,
    requestId: context.requestId,
    stripeEventId: context.stripeEventId,
  });

function differences<T extends Record<string, unknown>>(row: T, next: Partial<T>): Array<keyof T> {
  return (Object.keys(next) as Array<keyof T>).filter((k) => next[k] !== row[k]);
}

/** A plan's product: name, description and whether it is on sale. A product of ours not yet linked gets linked. */
export async function applyProduct(
  db: Database,
  product: ProductSnapshot,
  context: MirrorContext,
): Promise<ApplyOutcome> {
  const [linked] = await db.select().from(plans).where(eq(plans.stripeProductId, product.id));
  const [unlinked] =
    linked || !product.planId
      ? []
      : await db
          .select()
          .from(plans)
          .where(and(eq(plans.id, product.planId), isNull(plans.stripeProductId)));
  const plan = linked ?? unlinked;
  if (!plan) return 'unchanged';
  if (!context.authoritative) return 'needs-truth';
  const next = {
    stripeProductId: product.id,
    displayName: product.name,
    description: product.description,
    isActive: product.active,
  };
  const changed = differences(plan, next);
  if (changed.length === 0) return 'unchanged';
  await db
    .update(plans)
    .set({ ...next, archivedAt: product.active ? null : (plan.archivedAt ?? context.eventAt), updatedAt: new Date() })
    .where(eq(plans.id, plan.id));
  const pick = (source: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, source[k]]));
  await audit(db, context, 'plan.synced', 'plan', plan.id, pick(plan), pick(next));
  return 'applied';
}

/**
 * A plan price: archived at Stripe means no longer sold here; reactivated at Stripe sells it again unless
 * a newer price has taken its place. Amounts never change (Stripe prices are immutable).
 */
export async function applyPrice(db: Database, price: PriceSnapshot, context: MirrorContext): Promise<ApplyOutcome> {
  const [row] = await db.select().from(planPrices).where(eq(planPrices.stripePriceId, price.id));
  if (!row) return 'unchanged';
  if (!context.authoritative) return 'needs-truth';
  const next: { lookupKey: string | null; isActive?: boolean } = { lookupKey: price.lookupKey };
  if (!price.active && row.isActive) next.isActive = false;
  if (price.active && !row.isActive) {
    const [successor] = await db
      .select({ id: planPrices.id })
      .from(planPrices)
      .where(
        and(
          eq(planPrices.planId, row.planId),
          eq(planPrices.currency, row.currency),
          eq(planPrices.billingCycle, row.billingCycle),
          eq(planPrices.isActive, true),
          ne(planPrices.id, row.id),
        ),
      );
    if (!successor) next.isActive = true;
  }
  const changed = differences(row, next);
  if (changed.length === 0) return 'unchanged';
  await db
    .update(planPrices)
    .set({ ...next, updatedAt: new Date() })
    .where(eq(planPrices.id, row.id));
  if (changed.includes('isActive')) {
    await audit(
      db,
      context,
      'plan.price_synced',
      'plan',
      row.planId,
      { isActive: row.isActive },
      { isActive: next.isActive },
    );
  }
  return 'applied';
}

/** A promo code's promotion code: switched on or off at Stripe switches it here. */
export async function applyPromotionCode(
  db: Database,
  promotion: PromotionCodeSnapshot,
  context: MirrorContext,
): Promise<ApplyOutcome> {
  const [row] = await db.select().from(promoCodes).where(eq(promoCodes.stripePromotionCodeId, promotion.id));
  if (!row) return 'unchanged';
  if (!context.authoritative) return 'needs-truth';
  if (row.isActive === promotion.active) return 'unchanged';
  await db
    .update(promoCodes)
    .set({ isActive: promotion.active, updatedAt: new Date() })
    .where(eq(promoCodes.id, row.id));
  await audit(
    db,
    context,
    'promo_code.synced',
    'promo_code',
    row.id,
    { isActive: row.isActive },
    { isActive: promotion.active },
  );
  return 'applied';
}

/** A deleted coupon can no longer be redeemed: its codes stop here too. Deletion is final, so the payload is enough. */
export async function applyCouponDeleted(
  db: Database,
  coupon: { id: string },
  context: MirrorContext,
): Promise<ApplyOutcome> {
  const stopped = await db
    .update(promoCodes)
    .set({ isActive: false, updatedAt: new Date() })
    .where(and(eq(promoCodes.stripeCouponId, coupon.id), eq(promoCodes.isActive, true)))
    .returning({ id: promoCodes.id });
  for (const { id } of stopped) {
    await audit(db, context, 'promo_code.synced', 'promo_code', id, { isActive: true }, { isActive: false });
  }
  return stopped.length > 0 ? 'applied' : 'unchanged';
}
