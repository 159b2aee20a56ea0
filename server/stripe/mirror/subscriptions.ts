import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billingCustomers, planPrices, subscriptions } from '@/db/schema';
import { recordAudit, type Actor } from '../../billing/audit.service';
import type { SubscriptionSnapshot } from '../../billing/payments.port';
import { PermanentEventError } from './errors';
import { gate, later, type ApplyOutcome } from './ordering';

type SubscriptionRow = typeof subscriptions.$inferSelect;

export interface MirrorContext {
  actor: Actor;
  stripeEventId: string | null;
  requestId: string | null;
  /** When the change happened at Stripe (the event's `created`, or when the object was read). */
  eventAt: Date;
  /** Apply even in the same second: the snapshot was just read from Stripe, so it is the truth. */
  authoritative: boolean;
}

/** Finds our row for a Stripe subscription: by its id, or by the row id we put in its metadata. */
export async function findSubscriptionRow(db: Database, snapshot: SubscriptionSnapshot) {
  const [byStripeId] = await db.select().from(subscriptions).where(eq(subscriptions.stripeSubscriptionId, snapshot.id));
  if (byStripeId) return byStripeId;
  if (!snapshot.localSubscriptionId) return undefined;
  const [byLocalId] = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, snapshot.localSubscriptionId), isNull(subscriptions.stripeSubscriptionId)));
  return byLocalId;
}

async function organizationOf(db: Database, snapshot: SubscriptionSnapshot): Promise<string> {
  if (snapshot.organizationId) return snapshot.organizationId;
  const [customer] = await db
    .select({ organizationId: billingCustomers.organizationId })
    .from(billingCustomers)
    .where(eq(billingCustomers.stripeCustomerId, snapshot.customerId));
  if (!customer) throw new PermanentEventError(`subscription ${snapshot.id} belongs to an unknown customer`);
  return customer.organizationId;
}

async function priceOf(db: Database, priceId: string | null) {
  if (!priceId) throw new PermanentEventError('subscription has no price');
  const [price] = await db.select().from(planPrices).where(eq(planPrices.stripePriceId, priceId));
  if (!price) throw new PermanentEventError(`subscription uses price ${priceId}, which is not in the catalog`);
  return price;
}

/**
 * Applies a Stripe subscription to its row (inserting it when Stripe knows a subscription we do not),
 * unless the row already holds a newer state. Writes an audit row for each change.
 */
export async function applySubscription(
  db: Database,
  snapshot: SubscriptionSnapshot,
  context: MirrorContext,
): Promise<{ outcome: ApplyOutcome; row: SubscriptionRow | null }> {
  const existing = await findSubscriptionRow(db, snapshot);
  if (existing) {
    const verdict = gate(context.eventAt, existing.stripeEventAt, context.authoritative);
    if (verdict !== 'apply') return { outcome: verdict, row: existing };
  }
  const price = await priceOf(db, snapshot.priceId);
  const organizationId = existing?.organizationId ?? (await organizationOf(db, snapshot));
  const pendingReached =
    existing?.pendingPlanId === price.planId && existing.pendingBillingCycle === price.billingCycle;
  const pendingDropped = existing?.stripeScheduleId && !snapshot.scheduleId;
  const clearPending = pendingReached || pendingDropped;
  const values = {
    organizationId,
    planId: price.planId,
    planPriceId: price.id,
    billingCycle: price.billingCycle,
    status: snapshot.status,
    currency: snapshot.currency,
    unitAmount: snapshot.unitAmount ?? price.unitAmount,
    trialEndsAt: snapshot.status === 'trialing' ? snapshot.trialEnd : (existing?.trialEndsAt ?? snapshot.trialEnd),
    currentPeriodStart: snapshot.currentPeriodStart,
    currentPeriodEnd: snapshot.currentPeriodEnd,
    cancelAtPeriodEnd: snapshot.cancelAtPeriodEnd,
    canceledAt: snapshot.canceledAt,
    endedAt: snapshot.endedAt,
    stripeSubscriptionId: snapshot.id,
    stripeCustomerId: snapshot.customerId,
    stripeScheduleId: snapshot.scheduleId,
    pastDueSince: pastDueSince(existing, snapshot.status, context.eventAt),
    ...(clearPending ? { pendingPlanId: null, pendingBillingCycle: null, pendingEffectiveAt: null } : {}),
    stripeEventAt: later(existing?.stripeEventAt, context.eventAt),
    updatedAt: new Date(),
  };
  const [row] = existing
    ? await db.update(subscriptions).set(values).where(eq(subscriptions.id, existing.id)).returning()
    : await db
        .insert(subscriptions)
        .values(values)
        .onConflictDoNothing({ target: subscriptions.stripeSubscriptionId })
        .returning();
  // A concurrent writer inserted it first: apply over that row instead.
  if (!row) return applySubscription(db, snapshot, context);
  const changed = !existing || materiallyDifferent(existing, row!);
  if (changed) {
    await recordAudit(db, {
      organizationId,
      actor: context.actor,
      action: existing ? 'subscription.synced' : 'subscription.imported',
      targetType: 'subscription',
      targetId: row!.id,
      before: existing ? auditView(existing) : undefined,
      after: auditView(row!),
      requestId: context.requestId,
      stripeEventId: context.stripeEventId,
    });
  }
  return { outcome: changed ? 'applied' : 'unchanged', row: row! };
}

/** The grace period runs from the first failed payment; paying (or ending) clears it. */
function pastDueSince(existing: SubscriptionRow | undefined, status: SubscriptionRow['status'], at: Date) {
  if (status === 'past_due' || status === 'unpaid') return existing?.pastDueSince ?? at;
  return null;
}

const AUDITED = [
  'planId',
  'billingCycle',
  'status',
  'currentPeriodStart',
  'currentPeriodEnd',
  'cancelAtPeriodEnd',
  'canceledAt',
  'pendingPlanId',
  'stripeScheduleId',
] as const;

function auditView(row: SubscriptionRow) {
  return Object.fromEntries(AUDITED.map((key) => [key, row[key]]));
}

function materiallyDifferent(a: SubscriptionRow, b: SubscriptionRow): boolean {
  return (
    JSON.stringify(auditView(a)) !== JSON.stringify(auditView(b)) || a.stripeSubscriptionId !== b.stripeSubscriptionId
  );
}
