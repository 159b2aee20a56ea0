import { describe, expect, it } from 'vitest';
import {
  allocate,
  integerAmount,
  lineAmount,
  normaliseDecimal,
  percentOf,
  proratedAmount,
  roundHalfUp,
} from './billing/money';
import { formatDate, nextBoundary, shift } from './billing/periods';

const utc = (iso: string) => Date.parse(iso) / 1000;

describe('money', () => {
  it.each([
    [5n, 2n, 3],
    [-5n, 2n, -3],
    [4n, 3n, 1],
    [-4n, 3n, -1],
    [7n, -2n, -4],
  ])('rounds %s / %s half away from zero to %s', (n, d, expected) => {
    expect(roundHalfUp(n, d)).toBe(expected);
  });

  it('prices decimals exactly and rounds once per line', () => {
    expect(lineAmount('0.333333333333', 3)).toBe(1);
    expect(lineAmount('1500', 2)).toBe(3000);
    expect(proratedAmount('1500', 1, 21, 31)).toBe(1016);
    expect(proratedAmount('4000', 1, 21, 31)).toBe(2710);
    expect(percentOf(1530, 15)).toBe(230);
    expect(percentOf(1000, 25.5)).toBe(255);
    expect(integerAmount('29000.5')).toBeNull();
    expect(normaliseDecimal('1500.000')).toBe('1500');
    expect(normaliseDecimal('-0.50')).toBe('-0.5');
  });

  it('spreads a discount over lines in integers that add up', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [0, 0])).toEqual([0, 0]);
  });
});

describe('billing periods', () => {
  it('keep the anchor day, clamped to short months', () => {
    const jan31 = utc('2030-01-31T10:00:00Z');
    const monthly = { interval: 'month' as const, count: 1 };
    expect(shift(jan31, monthly, 1)).toBe(utc('2030-02-28T10:00:00Z'));
    expect(shift(jan31, monthly, 2)).toBe(utc('2030-03-31T10:00:00Z'));
    expect(shift(jan31, { interval: 'year', count: 1 }, 1)).toBe(utc('2031-01-31T10:00:00Z'));
    expect(nextBoundary(jan31, monthly, utc('2030-03-01T00:00:00Z'))).toBe(utc('2030-03-31T10:00:00Z'));
    expect(shift(jan31, { interval: 'week', count: 2 }, 1)).toBe(jan31 + 14 * 86_400);
  });

  it('format dates as Stripe writes them in proration lines', () => {
    expect(formatDate(utc('2030-01-25T00:00:00Z'))).toBe('25 Jan 2030');
  });
});
