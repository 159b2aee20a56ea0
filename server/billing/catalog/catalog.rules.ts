import type { BillingCycle } from '@/db/schema';
import { parseDecimal } from '../money';

/** Plan names are slugs: they become Stripe lookup keys (`pro_monthly_usd`) and URLs. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/;

/**
 * The lookup key of a plan price; the same format as `priceLookupKey` in server/stripe/catalog-sync.ts
 * (a unit test holds them together), so prices made here and by the start-up sync find each other.
 */
export const lookupKeyOf = (planName: string, cycle: BillingCycle, currency: string) =>
  `${planName}_${cycle}_${currency}`;

export const intervalOf = (cycle: BillingCycle): 'month' | 'year' => (cycle === 'monthly' ? 'month' : 'year');

export interface WantedPrice {
  currency: string;
  billingCycle: BillingCycle;
  unitAmount: number;
}

export interface CurrentPrice extends WantedPrice {
  id: string;
  stripePriceId: string | null;
}

export interface PriceDiff<C extends CurrentPrice> {
  add: WantedPrice[];
  /** Stripe prices are immutable: a new amount is a new price, and the old one is archived. */
  replace: Array<{ from: C; to: WantedPrice }>;
  /** No longer sold in that currency and cycle. */
  retire: C[];
  keep: C[];
}

const slot = (p: { currency: string; billingCycle: BillingCycle }) => `${p.currency}:${p.billingCycle}`;

/** What it takes to go from the prices on sale to the wanted set (one price per currency and cycle). */
export function diffPrices<C extends CurrentPrice>(current: C[], wanted: WantedPrice[]): PriceDiff<C> {
  const diff: PriceDiff<C> = { add: [], replace: [], retire: [], keep: [] };
  const wantedBySlot = new Map(wanted.map((w) => [slot(w), w]));
  for (const price of current) {
    const target = wantedBySlot.get(slot(price));
    if (!target) diff.retire.push(price);
    else if (target.unitAmount === price.unitAmount) diff.keep.push(price);
    else diff.replace.push({ from: price, to: target });
  }
  const currentSlots = new Set(current.map(slot));
  diff.add = wanted.filter((w) => !currentSlots.has(slot(w)));
  return diff;
}

/** Field errors of a set of prices: one per currency and cycle, and something to buy in the plan's currency. */
export function priceSetErrors(prices: WantedPrice[], defaultCurrency: string): string[] {
  const errors: string[] = [];
  const slots = prices.map(slot);
  if (new Set(slots).size !== slots.length) errors.push('one price per currency and billing cycle');
  if (!prices.some((p) => p.currency === defaultCurrency)) {
    errors.push(`needs a monthly or yearly price in the plan's currency (${defaultCurrency})`);
  }
  return errors;
}

/** Why a feature's value does not fit its type, or null. */
export function featureValueError(featureType: 'boolean' | 'number' | 'text', value: string): string | null {
  if (featureType === 'boolean' && value !== 'true' && value !== 'false') return 'must be "true" or "false"';
  if (featureType === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) return 'must be a number';
  if (featureType === 'text' && value.trim() === '') return 'must not be empty';
  return null;
}

export interface LimitTerms {
  maxValue: number;
  enforcement: 'hard' | 'soft';
  overageUnitPrice: string | null;
}

/** Why a limit's terms contradict each other, or null. Unlimited is -1. */
export function limitError(limit: LimitTerms): { field: string; message: string } | null {
  if (limit.overageUnitPrice !== null) {
    if (limit.maxValue === -1) return { field: 'overageUnitPrice', message: 'an unlimited resource has no overage' };
    if (limit.enforcement === 'hard') {
      return { field: 'overageUnitPrice', message: 'a hard limit stops at the included quantity: no overage' };
    }
    const price = parseDecimal(limit.overageUnitPrice);
    if (price.coefficient < 0n) return { field: 'overageUnitPrice', message: 'must not be negative' };
    if (price.scale > 10) return { field: 'overageUnitPrice', message: 'at most 10 decimals of a minor unit' };
  }
  return null;
}

/** The keys a partial edit really sets: absent and undefined mean "leave as is". */
export function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}
