import { describe, expect, it } from 'vitest';
import { discountOn, promoRejection, type PromoContext, type PromoTerms } from './promo-codes.rules';

const base: PromoTerms = {
  code: 'X',
  discountType: 'percent',
  percentOff: '20',
  amountOff: null,
  currency: null,
  duration: 'once',
  durationInMonths: null,
  maxRedemptions: 10,
  timesRedeemed: 0,
  oncePerOrganization: true,
  firstTimeOnly: false,
  planIds: [],
  billingCycle: null,
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validUntil: new Date('2027-01-01T00:00:00Z'),
  isActive: true,
};
const context: PromoContext = {
  planId: 'pro',
  billingCycle: 'monthly',
  currency: 'usd',
  now: new Date('2026-06-01T00:00:00Z'),
  usedByOrganization: false,
  hasPurchased: false,
};

describe('promoRejection', () => {
  it('accepts a valid code', () => expect(promoRejection(base, context)).toBeNull());

  it.each([
    [{ isActive: false }, {}, 'inactive'],
    [{}, { now: new Date('2025-12-31T23:59:59Z') }, 'not_yet_valid'],
    [{}, { now: new Date('2027-01-01T00:00:00Z') }, 'expired'],
    [{ timesRedeemed: 10 }, {}, 'used_up'],
    [{ planIds: ['starter'] }, {}, 'wrong_plan'],
    [{ billingCycle: 'yearly' as const }, {}, 'wrong_cycle'],
    [{ discountType: 'amount' as const, amountOff: 5000, currency: 'eur', percentOff: null }, {}, 'wrong_currency'],
    [{}, { usedByOrganization: true }, 'already_used'],
    [{ firstTimeOnly: true }, { hasPurchased: true }, 'not_first_purchase'],
  ])('rejects %o in %o as %s', (terms, ctx, reason) => {
    expect(promoRejection({ ...base, ...terms }, { ...context, ...ctx })).toBe(reason);
  });

  it('lets an organization reuse a code that is not once-per-organization', () => {
    expect(
      promoRejection({ ...base, oncePerOrganization: false }, { ...context, usedByOrganization: true }),
    ).toBeNull();
  });
});

describe('discountOn', () => {
  it.each([
    ['20', 9900, 1980],
    ['30', 2900, 870],
    ['33.33', 9900, 3300], // 3299.67 → 3300
    ['12.5', 99, 12], // 12.375 → 12
    ['12.5', 100, 13], // 12.5 → 13 (half-up)
    ['100', 2900, 2900],
  ])('%s%% of %i = %i', (percent, amount, expected) => {
    expect(discountOn({ discountType: 'percent', percentOff: percent, amountOff: null }, amount)).toBe(expected);
  });

  it('caps a fixed discount at the invoice amount', () => {
    expect(discountOn({ discountType: 'amount', percentOff: null, amountOff: 5000 }, 99000)).toBe(5000);
    expect(discountOn({ discountType: 'amount', percentOff: null, amountOff: 5000 }, 2900)).toBe(2900);
  });
});
