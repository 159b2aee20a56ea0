import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billingCustomers, subscriptions, type BillingCycle } from '@/db/schema';
import { ConflictError, ValidationError } from '../errors';
import { applySubscription } from '../stripe/mirror/subscriptions';
import { recordAudit, type Actor } from './audit.service';
import { ensureStripeCustomer } from './customers.service';
import type { PaymentsGateway } from './payments.port';
import { attachPaymentMethod, listPaymentMethods } from './payment-methods.service';
import { REJECTION_MESSAGES } from './promo-codes.rules';
import { checkPromoCode, ensurePromoInStripe, redeemPromoCode, releasePromoRedemption } from './promo-codes.service';
import { purchasablePrice, toView, type SubscriptionView } from './subscriptions.queries';

export interface SubscribeInput {
  organizationId: string;
  planId: string;
  billingCycle: BillingCycle;
  paymentMethodId?: string;
  promoCode?: string;
  /** For the Stripe customer's name when one is created. */
  organizationName: string | null;
  actor: Actor;
  requestId: string;
  now: Date;
}

interface Deps {
  db: Database;
  payments: PaymentsGateway;
}

/**
 * Subscribes an organization: claim the one live slot (a row the partial unique index guards, so
 * concurrent calls get CONFLICT before touching Stripe), then customer, card and promo code, then the
 * Stripe subscription with an idempotency key from the claim. Any failure gives the slot back, so a
 * declined card leaves neither a local row nor a live Stripe subscription.
 */
export async function subscribe(deps: Deps, input: SubscribeInput): Promise<SubscriptionView> {
  const { plan, price } = await purchasablePrice(deps.db, input.planId, input.billingCycle);
  const promoCheck = input.promoCode
    ? await checkPromoCode(deps.db, { ...input, code: input.promoCode, currency: plan.currency })
    : null;
  if (promoCheck?.rejection) {
    throw new ValidationError(REJECTION_MESSAGES[promoCheck.rejection], { promoCode: [promoCheck.rejection] });
  }
  const claim = await claimSlot(deps.db, input, {
    planId: plan.id,
    planPriceId: price.id,
    unitAmount: price.unitAmount,
    currency: plan.currency,
  });
  try {
    if (promoCheck) {
      await deps.db.transaction((tx) =>
        redeemPromoCode(tx, {
          promoCodeId: promoCheck.promo.id,
          organizationId: input.organizationId,
          subscriptionId: claim.id,
        }),
      );
    }
    const customerId = await ensureStripeCustomer(deps, { ...input, name: input.organizationName, email: null });
    const caller = {
      organizationId: input.organizationId,
      actor: input.actor,
      requestId: input.requestId,
      now: input.now,
    };
    if (input.paymentMethodId) await attachPaymentMethod(deps, caller, input.paymentMethodId, { makeDefault: true });
    const needsCard = plan.trialDays === 0 && price.unitAmount > 0;
    if (needsCard && (await listPaymentMethods(deps.db, input.organizationId)).length === 0) {
      throw new ValidationError('Add a payment method to subscribe', { paymentMethodId: ['required'] });
    }
    const promotionCodeId = promoCheck ? await ensurePromoInStripe(deps.db, deps.payments, promoCheck.promo) : null;
    const snapshot = await deps.payments.createSubscription(
      {
        customerId,
        priceId: price.stripePriceId,
        paymentMethodId: null, // the customer's default card pays
        trialDays: plan.trialDays,
        promotionCodeId,
        metadata: { organization_id: input.organizationId, subscription_row_id: claim.id, plan_id: plan.id },
      },
      `subscription:create:${claim.id}`,
    );
    return await deps.db.transaction(async (tx) => {
      const { row } = await applySubscription(tx, snapshot, {
        actor: input.actor,
        stripeEventId: null,
        requestId: input.requestId,
        eventAt: input.now,
        authoritative: true,
      });
      await tx
        .update(subscriptions)
        .set({ promoCodeId: promoCheck?.promo.id ?? null })
        .where(eq(subscriptions.id, row!.id));
      await tx
        .update(billingCustomers)
        .set({ firstPurchasedAt: input.now })
        .where(
          and(eq(billingCustomers.organizationId, input.organizationId), isNull(billingCustomers.firstPurchasedAt)),
        );
      await recordAudit(tx, {
        organizationId: input.organizationId,
        actor: input.actor,
        action: 'subscription.created',
        targetType: 'subscription',
        targetId: row!.id,
        after: {
          planId: plan.id,
          billingCycle: input.billingCycle,
          status: row!.status,
          promoCode: promoCheck?.promo.code ?? null,
        },
        requestId: input.requestId,
      });
      return toView(tx, { ...row!, promoCodeId: promoCheck?.promo.id ?? null });
    });
  } catch (error) {
    await releaseSlot(deps.db, claim.id, promoCheck?.promo.id ?? null);
    throw error;
  }
}

/** Takes the organization's one live slot with a pending row, or refuses with CONFLICT. */
async function claimSlot(
  db: Database,
  input: SubscribeInput,
  price: { planId: string; planPriceId: string; unitAmount: number; currency: string },
) {
  try {
    const [row] = await db
      .insert(subscriptions)
      .values({
        organizationId: input.organizationId,
        planId: price.planId,
        planPriceId: price.planPriceId,
        billingCycle: input.billingCycle,
        status: 'incomplete',
        unitAmount: price.unitAmount,
        currency: price.currency,
      })
      .returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('This organization already has a subscription: change or cancel it instead');
    }
    throw error;
  }
}

/** Frees the slot of a purchase that did not happen (only while Stripe has not confirmed it). */
async function releaseSlot(db: Database, subscriptionId: string, promoCodeId: string | null) {
  await db.transaction(async (tx) => {
    if (promoCodeId) await releasePromoRedemption(tx, { promoCodeId, subscriptionId });
    await tx
      .delete(subscriptions)
      .where(and(eq(subscriptions.id, subscriptionId), isNull(subscriptions.stripeSubscriptionId)));
  });
}

/** 23505, from postgres.js or PGlite, possibly wrapped by drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  return candidates.some((e) => (e as { code?: string } | undefined)?.code === '23505');
}
