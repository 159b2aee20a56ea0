import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billingCustomers, promoCodes, promoRedemptions, type BillingCycle } from '@/db/schema';
import { ConflictError, NotFoundError } from '../errors';
import type { PaymentsGateway } from './payments.port';
import { discountOn, promoRejection, REJECTION_MESSAGES, type PromoRejection } from './promo-codes.rules';
import { purchasablePrice } from './subscriptions.queries';

export type PromoCodeRow = typeof promoCodes.$inferSelect;

export const normalizeCode = (code: string) => code.trim().toUpperCase();

export async function findPromoCode(db: Database, code: string): Promise<PromoCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(promoCodes)
    .where(eq(promoCodes.code, normalizeCode(code)));
  return row;
}

export interface PromoCheck {
  promo: PromoCodeRow;
  rejection: PromoRejection | null;
}

/** Every rule of a code against this organization, plan and cycle (see promo-codes.rules.ts). */
export async function checkPromoCode(
  db: Database,
  input: {
    code: string;
    organizationId: string;
    planId: string;
    billingCycle: BillingCycle;
    currency: string;
    now: Date;
  },
): Promise<PromoCheck> {
  const promo = await findPromoCode(db, input.code);
  if (!promo) throw new NotFoundError('Promo code');
  const [used] = await db
    .select({ id: promoRedemptions.id })
    .from(promoRedemptions)
    .where(and(eq(promoRedemptions.promoCodeId, promo.id), eq(promoRedemptions.organizationId, input.organizationId)))
    .limit(1);
  const [customer] = await db
    .select({ firstPurchasedAt: billingCustomers.firstPurchasedAt })
    .from(billingCustomers)
    .where(eq(billingCustomers.organizationId, input.organizationId));
  const rejection = promoRejection(
    { ...promo, percentOff: promo.percentOff, planIds: promo.planIds },
    {
      planId: input.planId,
      billingCycle: input.billingCycle,
      currency: input.currency,
      now: input.now,
      usedByOrganization: Boolean(used),
      hasPurchased: Boolean(customer?.firstPurchasedAt),
    },
  );
  return { promo, rejection };
}

export interface PromoValidation {
  code: string;
  valid: boolean;
  reason: PromoRejection | null;
  message: string;
  currency: string;
  price: number;
  discount: number;
  discountedPrice: number;
  duration: PromoCodeRow['duration'];
  durationInMonths: number | null;
}

/** Whether a code applies to a plan and cycle for this organization, why not, and what it would save. */
export async function validatePromoCode(
  db: Database,
  input: { code: string; organizationId: string; planId: string; billingCycle: BillingCycle; now: Date },
): Promise<PromoValidation> {
  const { plan, price } = await purchasablePrice(db, input.planId, input.billingCycle);
  const { promo, rejection } = await checkPromoCode(db, { ...input, currency: plan.currency });
  const discount = rejection ? 0 : discountOn(promo, price.unitAmount);
  return {
    code: promo.code,
    valid: rejection === null,
    reason: rejection,
    message: rejection ? REJECTION_MESSAGES[rejection] : describeDiscount(promo),
    currency: plan.currency,
    price: price.unitAmount,
    discount,
    discountedPrice: price.unitAmount - discount,
    duration: promo.duration,
    durationInMonths: promo.durationInMonths,
  };
}

function describeDiscount(promo: PromoCodeRow): string {
  const amount = promo.discountType === 'percent' ? `${Number(promo.percentOff)}% off` : 'Discount';
  const span =
    promo.duration === 'once'
      ? 'the first invoice'
      : promo.duration === 'forever'
        ? 'every invoice'
        : `${promo.durationInMonths} months`;
  return `${amount} ${promo.duration === 'repeating' ? 'for' : 'on'} ${span}.`;
}

/**
 * Counts one redemption, race-safely: the increment only happens while under the cap, so when many
 * organizations race for the last one, exactly one wins.
 */
export async function redeemPromoCode(
  db: Database,
  input: { promoCodeId: string; organizationId: string; subscriptionId: string },
): Promise<void> {
  const [counted] = await db
    .update(promoCodes)
    .set({ timesRedeemed: sql`${promoCodes.timesRedeemed} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(promoCodes.id, input.promoCodeId),
        or(isNull(promoCodes.maxRedemptions), lt(promoCodes.timesRedeemed, promoCodes.maxRedemptions)),
      ),
    )
    .returning({ id: promoCodes.id });
  if (!counted) throw new ConflictError(REJECTION_MESSAGES.used_up);
  await db.insert(promoRedemptions).values(input);
}

/** Gives a redemption back when the purchase it was for did not happen. */
export async function releasePromoRedemption(db: Database, input: { promoCodeId: string; subscriptionId: string }) {
  const removed = await db
    .delete(promoRedemptions)
    .where(
      and(
        eq(promoRedemptions.promoCodeId, input.promoCodeId),
        eq(promoRedemptions.subscriptionId, input.subscriptionId),
      ),
    )
    .returning({ id: promoRedemptions.id });
  if (removed.length === 0) return;
  await db
    .update(promoCodes)
    .set({ timesRedeemed: sql`greatest(${promoCodes.timesRedeemed} - 1, 0)`, updatedAt: new Date() })
    .where(eq(promoCodes.id, input.promoCodeId));
}

/** The Stripe promotion code of a promo code, created on first use (idempotently) if the admin sync has not. */
export async function ensurePromoInStripe(
  db: Database,
  payments: PaymentsGateway,
  promo: PromoCodeRow,
): Promise<string> {
  if (promo.stripePromotionCodeId) return promo.stripePromotionCodeId;
  const created = await payments.createPromotionCode(
    {
      name: promo.code,
      code: promo.code,
      percentOff: promo.percentOff,
      amountOff: promo.amountOff,
      currency: promo.currency,
      duration: promo.duration,
      durationInMonths: promo.durationInMonths,
      metadata: { promo_code_id: promo.id },
    },
    `promo:${promo.id}`,
  );
  await db
    .update(promoCodes)
    .set({ stripeCouponId: created.couponId, stripePromotionCodeId: created.promotionCodeId, updatedAt: new Date() })
    .where(and(eq(promoCodes.id, promo.id), isNull(promoCodes.stripePromotionCodeId)));
  return created.promotionCodeId;
}
