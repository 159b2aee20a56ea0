import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billingCustomers, paymentMethods } from '@/db/schema';
import { recordAudit } from '../../billing/audit.service';
import type { CustomerSnapshot, PaymentMethodSnapshot } from '../../billing/payments.port';
import { gate, later, type ApplyOutcome } from './ordering';
import type { MirrorContext } from './subscriptions';

/** Mirrors a customer's deletion and default card; unknown customers (not ours) are ignored. */
export async function applyCustomer(
  db: Database,
  snapshot: CustomerSnapshot,
  context: MirrorContext,
): Promise<ApplyOutcome> {
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.stripeCustomerId, snapshot.id));
  if (!row) return 'unchanged';
  const verdict = gate(context.eventAt, row.stripeEventAt, context.authoritative);
  if (verdict !== 'apply') return verdict;
  await db
    .update(billingCustomers)
    .set({
      deletedAt: snapshot.deleted ? context.eventAt : null,
      stripeEventAt: later(row.stripeEventAt, context.eventAt),
      updatedAt: new Date(),
    })
    .where(eq(billingCustomers.id, row.id));
  if (snapshot.defaultPaymentMethodId) await markDefault(db, row.organizationId, snapshot.defaultPaymentMethodId);
  if (snapshot.deleted && !row.deletedAt) {
    await recordAudit(db, {
      organizationId: row.organizationId,
      actor: context.actor,
      action: 'customer.deleted',
      targetType: 'customer',
      targetId: snapshot.id,
      stripeEventId: context.stripeEventId,
      requestId: context.requestId,
    });
  }
  return 'applied';
}

/** The default card is the one Stripe charges: at most one per organization. */
export async function markDefault(db: Database, organizationId: string, stripePaymentMethodId: string) {
  await db
    .update(paymentMethods)
    .set({ isDefault: false, updatedAt: new Date() })
    .where(
      and(
        eq(paymentMethods.organizationId, organizationId),
        eq(paymentMethods.isDefault, true),
        ne(paymentMethods.stripePaymentMethodId, stripePaymentMethodId),
      ),
    );
  await db
    .update(paymentMethods)
    .set({ isDefault: true, updatedAt: new Date() })
    .where(
      and(
        eq(paymentMethods.organizationId, organizationId),
        eq(paymentMethods.stripePaymentMethodId, stripePaymentMethodId),
      ),
    );
}

/**
 * Mirrors a card being attached, updated or detached. A detached card stays as a tombstone so an
 * older `attached` event delivered late cannot bring it back.
 */
export async function applyPaymentMethod(
  db: Database,
  snapshot: PaymentMethodSnapshot,
  attached: boolean,
  context: MirrorContext,
): Promise<ApplyOutcome> {
  const [existing] = await db
    .select()
    .from(paymentMethods)
    .where(eq(paymentMethods.stripePaymentMethodId, snapshot.id));
  const verdict = existing ? gate(context.eventAt, existing.stripeEventAt, context.authoritative) : 'apply';
  if (verdict !== 'apply') return verdict;
  const organizationId =
    existing?.organizationId ?? (snapshot.customerId ? await organizationOfCustomer(db, snapshot.customerId) : null);
  if (!organizationId) return 'unchanged';
  const card = {
    type: snapshot.type,
    brand: snapshot.brand,
    last4: snapshot.last4,
    expMonth: snapshot.expMonth,
    expYear: snapshot.expYear,
    detachedAt: attached ? null : context.eventAt,
    ...(attached ? {} : { isDefault: false }),
    stripeEventAt: later(existing?.stripeEventAt, context.eventAt),
    updatedAt: new Date(),
  };
  if (existing) {
    await db.update(paymentMethods).set(card).where(eq(paymentMethods.id, existing.id));
  } else {
    const [inserted] = await db
      .insert(paymentMethods)
      .values({ ...card, organizationId, stripePaymentMethodId: snapshot.id })
      .onConflictDoNothing()
      .returning({ id: paymentMethods.id });
    // A concurrent writer (our API call and its webhook) inserted it first: apply over that row instead.
    if (!inserted) return applyPaymentMethod(db, snapshot, attached, context);
  }
  if (!existing || Boolean(existing.detachedAt) === attached) {
    await recordAudit(db, {
      organizationId,
      actor: context.actor,
      action: attached ? 'payment_method.attached' : 'payment_method.detached',
      targetType: 'payment_method',
      targetId: snapshot.id,
      after: { brand: snapshot.brand, last4: snapshot.last4 },
      stripeEventId: context.stripeEventId,
      requestId: context.requestId,
    });
  }
  return 'applied';
}

async function organizationOfCustomer(db: Database, customerId: string): Promise<string | null> {
  const [row] = await db
    .select({ organizationId: billingCustomers.organizationId })
    .from(billingCustomers)
    .where(eq(billingCustomers.stripeCustomerId, customerId));
  return row?.organizationId ?? null;
}
