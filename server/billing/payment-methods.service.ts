import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { paymentMethods } from '@/db/schema';
import { ConflictError, NotFoundError } from '../errors';
import { applyPaymentMethod, markDefault } from '../stripe/mirror/customers';
import { recordAudit, type Actor } from './audit.service';
import { ensureStripeCustomer, type CustomerDeps } from './customers.service';
import { liveSubscription } from './subscriptions.queries';

export type PaymentMethodRow = typeof paymentMethods.$inferSelect;

interface Caller {
  organizationId: string;
  actor: Actor;
  requestId: string;
  now: Date;
}

/** Cards on file, default first; detached ones are gone. */
export async function listPaymentMethods(db: Database, organizationId: string): Promise<PaymentMethodRow[]> {
  return db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.organizationId, organizationId), isNull(paymentMethods.detachedAt)))
    .orderBy(desc(paymentMethods.isDefault), asc(paymentMethods.createdAt));
}

async function cardOfOrg(db: Database, organizationId: string, id: string): Promise<PaymentMethodRow> {
  const [row] = await db
    .select()
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.id, id),
        eq(paymentMethods.organizationId, organizationId),
        isNull(paymentMethods.detachedAt),
      ),
    );
  if (!row) throw new NotFoundError('Payment method');
  return row;
}

/** Starts adding a card (Stripe Elements confirms it in the browser). */
export async function createSetupIntent(deps: CustomerDeps, caller: Caller) {
  const customerId = await ensureStripeCustomer(deps, { ...caller, name: null, email: null });
  return deps.payments.createSetupIntent(customerId, `setup-intent:${caller.organizationId}:${caller.requestId}`);
}

/**
 * Attaches a payment method (or one of Stripe's test tokens) to the organization's customer, and makes
 * it the default when the organization has none. A card of another customer reads as not found.
 */
export async function attachPaymentMethod(
  deps: CustomerDeps,
  caller: Caller,
  paymentMethodId: string,
  options: { makeDefault?: boolean } = {},
): Promise<PaymentMethodRow> {
  const customerId = await ensureStripeCustomer(deps, { ...caller, name: null, email: null });
  const isTestToken = paymentMethodId.startsWith('pm_card_');
  const current = isTestToken ? null : await deps.payments.retrievePaymentMethod(paymentMethodId);
  if (current?.customerId && current.customerId !== customerId) throw new NotFoundError('Payment method');
  const attached =
    current?.customerId === customerId
      ? current
      : await deps.payments.attachPaymentMethod(
          paymentMethodId,
          customerId,
          `pm:attach:${caller.organizationId}:${paymentMethodId}:${isTestToken ? caller.requestId : 'card'}`,
        );
  const existingDefault = (await listPaymentMethods(deps.db, caller.organizationId)).find((pm) => pm.isDefault);
  const makeDefault = options.makeDefault || !existingDefault;
  if (makeDefault) {
    await deps.payments.updateCustomer(
      customerId,
      { defaultPaymentMethodId: attached.id },
      `pm:default:${attached.id}:${caller.requestId}`,
    );
  }
  return deps.db.transaction(async (tx) => {
    await applyPaymentMethod(tx, attached, true, {
      actor: caller.actor,
      stripeEventId: null,
      requestId: caller.requestId,
      eventAt: caller.now,
      authoritative: true,
    });
    if (makeDefault) await markDefault(tx, caller.organizationId, attached.id);
    const [row] = await tx.select().from(paymentMethods).where(eq(paymentMethods.stripePaymentMethodId, attached.id));
    return row!;
  });
}

/** Makes a card the one that pays, on the Stripe customer and in the mirror. */
export async function setDefaultPaymentMethod(
  deps: CustomerDeps,
  caller: Caller,
  id: string,
): Promise<PaymentMethodRow> {
  const card = await cardOfOrg(deps.db, caller.organizationId, id);
  const customerId = await ensureStripeCustomer(deps, { ...caller, name: null, email: null });
  await deps.payments.updateCustomer(
    customerId,
    { defaultPaymentMethodId: card.stripePaymentMethodId },
    `pm:default:${card.stripePaymentMethodId}:${caller.requestId}`,
  );
  return deps.db.transaction(async (tx) => {
    await markDefault(tx, caller.organizationId, card.stripePaymentMethodId);
    await recordAudit(tx, {
      organizationId: caller.organizationId,
      actor: caller.actor,
      action: 'payment_method.default_set',
      targetType: 'payment_method',
      targetId: card.stripePaymentMethodId,
      after: { brand: card.brand, last4: card.last4 },
      requestId: caller.requestId,
    });
    return { ...card, isDefault: true };
  });
}

/** Removes a card; the only card of a live subscription stays (it would have nothing to pay with). */
export async function removePaymentMethod(deps: CustomerDeps, caller: Caller, id: string): Promise<void> {
  const card = await cardOfOrg(deps.db, caller.organizationId, id);
  const cards = await listPaymentMethods(deps.db, caller.organizationId);
  const live = await liveSubscription(deps.db, caller.organizationId);
  if (live && cards.length === 1) {
    throw new ConflictError('This is the only card of a live subscription: add another card before removing it');
  }
  const detached = await deps.payments.detachPaymentMethod(
    card.stripePaymentMethodId,
    `pm:detach:${card.stripePaymentMethodId}`,
  );
  const successor = card.isDefault ? cards.find((c) => c.id !== card.id) : undefined;
  if (successor) await setDefaultPaymentMethod(deps, caller, successor.id);
  await deps.db.transaction(async (tx) => {
    await applyPaymentMethod(tx, { ...detached, customerId: null }, false, {
      actor: caller.actor,
      stripeEventId: null,
      requestId: caller.requestId,
      eventAt: caller.now,
      authoritative: true,
    });
  });
}
