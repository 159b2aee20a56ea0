import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billingCustomers } from '@/db/schema';
import { recordAudit, type Actor } from './audit.service';
import type { PaymentsGateway } from './payments.port';

export interface CustomerDeps {
  db: Database;
  payments: PaymentsGateway;
}

/**
 * The organization's Stripe customer, created on first need. Concurrent first calls share one
 * idempotency key, so Stripe creates one customer; the row keeps the first id stored.
 */
export async function ensureStripeCustomer(
  deps: CustomerDeps,
  input: { organizationId: string; name: string | null; email: string | null; actor: Actor; requestId: string },
): Promise<string> {
  const existing = await customerRow(deps.db, input.organizationId);
  if (existing?.stripeCustomerId) return existing.stripeCustomerId;
  await deps.db.insert(billingCustomers).values({ organizationId: input.organizationId }).onConflictDoNothing();
  const customer = await deps.payments.createCustomer(
    { organizationId: input.organizationId, name: input.name, email: input.email },
    `customer:create:${input.organizationId}`,
  );
  return deps.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(billingCustomers)
      .set({ stripeCustomerId: customer.id, updatedAt: new Date() })
      .where(and(eq(billingCustomers.organizationId, input.organizationId), isNull(billingCustomers.stripeCustomerId)))
      .returning();
    if (!claimed) return (await customerRow(tx, input.organizationId))!.stripeCustomerId!;
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: 'customer.created',
      targetType: 'customer',
      targetId: customer.id,
      requestId: input.requestId,
    });
    return customer.id;
  });
}

export async function customerRow(db: Database, organizationId: string) {
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.organizationId, organizationId));
  return row;
}

/** The Stripe customer id of an organization that has one. */
export async function stripeCustomerIdOf(db: Database, organizationId: string): Promise<string | null> {
  return (await customerRow(db, organizationId))?.stripeCustomerId ?? null;
}
