import { describe, expect, it } from 'vitest';
import { priceLookupKey } from '../../stripe/catalog-sync';
import {
  definedOnly,
  diffPrices,
  featureValueError,
  limitError,
  lookupKeyOf,
  priceSetErrors,
  SLUG_PATTERN,
  type CurrentPrice,
} from './catalog.rules';
import { versionedKey } from './stripe-keys';

const current = (currency: string, billingCycle: 'monthly' | 'yearly', unitAmount: number): CurrentPrice => ({
  id: `${currency}-${billingCycle}`,
  currency,
  billingCycle,
  unitAmount,
  stripePriceId: `price_${currency}_${billingCycle}`,
});

describe('diffPrices', () => {
  it('keeps a price whose amount is unchanged, replaces one whose amount changed, adds and retires the rest', () => {
    const diff = diffPrices(
      [current('usd', 'monthly', 2900), current('usd', 'yearly', 29000), current('eur', 'monthly', 2700)],
      [
        { currency: 'usd', billingCycle: 'monthly', unitAmount: 2900 },
        { currency: 'usd', billingCycle: 'yearly', unitAmount: 31000 },
        { currency: 'gbp', billingCycle: 'monthly', unitAmount: 2500 },
      ],
    );
    expect(diff.keep.map((p) => p.id)).toEqual(['usd-monthly']);
    expect(diff.replace).toEqual([
      { from: current('usd', 'yearly', 29000), to: { currency: 'usd', billingCycle: 'yearly', unitAmount: 31000 } },
    ]);
    expect(diff.add).toEqual([{ currency: 'gbp', billingCycle: 'monthly', unitAmount: 2500 }]);
    expect(diff.retire.map((p) => p.id)).toEqual(['eur-monthly']);
  });

  it('has nothing to do when the wanted set is what is on sale', () => {
    const diff = diffPrices(
      [current('usd', 'monthly', 0)],
      [{ currency: 'usd', billingCycle: 'monthly', unitAmount: 0 }],
    );
    expect(diff.add.length + diff.replace.length + diff.retire.length).toBe(0);
  });
});

describe('priceSetErrors', () => {
  it.each([
    [[{ currency: 'usd', billingCycle: 'monthly' as const, unitAmount: 1 }], 'usd', []],
    [
      [{ currency: 'eur', billingCycle: 'monthly' as const, unitAmount: 1 }],
      'usd',
      ["needs a monthly or yearly price in the plan's currency (usd)"],
    ],
    [
      [
        { currency: 'usd', billingCycle: 'monthly' as const, unitAmount: 1 },
        { currency: 'usd', billingCycle: 'monthly' as const, unitAmount: 2 },
      ],
      'usd',
      ['one price per currency and billing cycle'],
    ],
  ])('%j in %s → %j', (prices, currency, errors) => {
    expect(priceSetErrors(prices, currency)).toEqual(errors);
  });
});

describe('featureValueError', () => {
  it.each([
    ['boolean', 'true', null],
    ['boolean', 'yes', 'must be "true" or "false"'],
    ['number', '25', null],
    ['number', '2.5', null],
    ['number', 'many', 'must be a number'],
    ['text', 'priority', null],
    ['text', '  ', 'must not be empty'],
  ] as const)('%s %j → %j', (type, value, error) => {
    expect(featureValueError(type, value)).toBe(error);
  });
});

describe('limitError', () => {
  it.each([
    [{ maxValue: 10_000, enforcement: 'soft', overageUnitPrice: '0.1' }, null],
    [{ maxValue: 3, enforcement: 'hard', overageUnitPrice: null }, null],
    [{ maxValue: -1, enforcement: 'soft', overageUnitPrice: null }, null],
    [{ maxValue: -1, enforcement: 'soft', overageUnitPrice: '1' }, 'an unlimited resource has no overage'],
    [
      { maxValue: 5, enforcement: 'hard', overageUnitPrice: '500' },
      'a hard limit stops at the included quantity: no overage',
    ],
    [{ maxValue: 5, enforcement: 'soft', overageUnitPrice: '0.00000000001' }, 'at most 10 decimals of a minor unit'],
  ] as const)('%j → %j', (limit, message) => {
    expect(limitError(limit)?.message ?? null).toBe(message);
  });
});

describe('keys and names', () => {
  it('makes the same lookup keys as the start-up catalog sync, so each finds the prices of the other', () => {
    expect(lookupKeyOf('pro', 'yearly', 'usd')).toBe(priceLookupKey('pro', 'yearly', 'usd'));
  });

  it('accepts slugs that fit in a lookup key and refuses the rest', () => {
    expect(['pro', 'team-2024', 'a', 'big_plan'].every((s) => SLUG_PATTERN.test(s))).toBe(true);
    expect(['Pro', '-pro', 'pro-', 'pro plan', ''].some((s) => SLUG_PATTERN.test(s))).toBe(false);
  });

  it('gives a retry the same idempotency key and a new edit a new one', () => {
    const version = new Date('2026-01-01T00:00:00Z');
    expect(versionedKey('admin:product:1', version, { name: 'A' })).toBe(
      versionedKey('admin:product:1', version, { name: 'A' }),
    );
    expect(versionedKey('admin:product:1', version, { name: 'A' })).not.toBe(
      versionedKey('admin:product:1', version, { name: 'B' }),
    );
    expect(versionedKey('admin:product:1', version, { name: 'A' })).not.toBe(
      versionedKey('admin:product:1', new Date('2026-01-02T00:00:00Z'), { name: 'A' }),
    );
  });

  it('treats undefined in a partial edit as "leave as is", and null as a value', () => {
    expect(definedOnly({ a: undefined, b: null, c: 0 })).toEqual({ b: null, c: 0 });
  });
});
