import type { BillingCycle } from '@/db/schema';
import { parseDecimal } from './money';

export interface PromoTerms {
  code: string;
  discountType: 'percent' | 'amount';
  percentOff: string | null;
  amountOff: number | null;
  currency: string | null;
  duration: 'once' | 'repeating' | 'forever';
  durationInMonths: number | null;
  maxRedemptions: number | null;
  timesRedeemed: number;
  oncePerOrganization: boolean;
  firstTimeOnly: boolean;
  planIds: string[];
  billingCycle: BillingCycle | null;
  validFrom: Date | null;
  validUntil: Date | null;
  isActive: boolean;
}

export type PromoRejection =
  | 'inactive'
  | 'not_yet_valid'
  | 'expired'
  | 'used_up'
  | 'wrong_plan'
  | 'wrong_cycle'
  | 'wrong_currency'
  | 'already_used'
  | 'not_first_purchase';

export const REJECTION_MESSAGES: Record<PromoRejection, string> = {
  inactive: 'This code is not active.',
  not_yet_valid: 'This code is not valid yet.',
  expired: 'This code has expired.',
  used_up: 'This code has been used the maximum number of times.',
  wrong_plan: 'This code does not apply to this plan.',
  wrong_cycle: 'This code does not apply to this billing cycle.',
  wrong_currency: 'This code is for another currency.',
  already_used: 'Your organization has already used this code.',
  not_first_purchase: 'This code is for first purchases only.',
};

export interface PromoContext {
  planId: string;
  billingCycle: BillingCycle;
  currency: string;
  now: Date;
  /** Whether this organization has redeemed the code before. */
  usedByOrganization: boolean;
  /** Whether this organization has bought anything before. */
  hasPurchased: boolean;
}

/** Why a code does not apply, checked in the order a customer would find most useful; null when it applies. */
export function promoRejection(promo: PromoTerms, context: PromoContext): PromoRejection | null {
  if (!promo.isActive) return 'inactive';
  if (promo.validFrom && context.now < promo.validFrom) return 'not_yet_valid';
  if (promo.validUntil && context.now >= promo.validUntil) return 'expired';
  if (promo.maxRedemptions !== null && promo.timesRedeemed >= promo.maxRedemptions) return 'used_up';
  if (promo.planIds.length > 0 && !promo.planIds.includes(context.planId)) return 'wrong_plan';
  if (promo.billingCycle && promo.billingCycle !== context.billingCycle) return 'wrong_cycle';
  if (promo.discountType === 'amount' && promo.currency !== context.currency) return 'wrong_currency';
  if (promo.oncePerOrganization && context.usedByOrganization) return 'already_used';
  if (promo.firstTimeOnly && context.hasPurchased) return 'not_first_purchase';
  return null;
}

/**
 * The discount on one invoice of `amount` minor units: percent rounded half-up once, a fixed amount
 * never more than the invoice.
 */
export function discountOn(
  promo: Pick<PromoTerms, 'discountType' | 'percentOff' | 'amountOff'>,
  amount: number,
): number {
  if (promo.discountType === 'amount') return Math.min(promo.amountOff ?? 0, amount);
  const percent = parseDecimal(promo.percentOff ?? '0');
  const scale = 10n ** BigInt(percent.scale);
  const numerator = BigInt(amount) * percent.coefficient;
  const denominator = 100n * scale;
  return Number((numerator * 2n + denominator) / (2n * denominator));
}
