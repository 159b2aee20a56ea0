import { describe, expect, it } from 'vitest';
import { barPercent, dailySeries, projectedOverage, projectUsage, usageLevel } from './usage-math';

describe('usage against a limit', () => {
  it.each([
    [0, 100, 'ok'],
    [79, 100, 'ok'],
    [80, 100, 'warning'],
    [99, 100, 'warning'],
    [100, 100, 'reached'],
    [101, 100, 'over'],
    [5, null, 'unlimited'],
    [0, 0, 'ok'],
    [1, 0, 'over'],
  ] as const)('%i of %s is %s', (used, included, level) => {
    expect(usageLevel(used, included)).toBe(level);
  });

  it('fills a bar up to the limit and no further', () => {
    expect(barPercent(50, 200)).toBe(25);
    expect(barPercent(300, 200)).toBe(100);
    expect(barPercent(10, null)).toBe(0);
    expect(barPercent(1, 0)).toBe(100);
  });
});

describe('projection to the end of the period', () => {
  const period = { periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-03-31T00:00:00.000Z' };

  it('extends a counter linearly from the elapsed time', () => {
    const now = new Date('2026-03-11T00:00:00.000Z'); // 10 of 30 days
    expect(projectUsage({ ...period, used: 1000, usageType: 'counter', now })).toBe(3000);
  });

  it('keeps a gauge where it is, and a finished period as it ended', () => {
    const now = new Date('2026-03-11T00:00:00.000Z');
    expect(projectUsage({ ...period, used: 4, usageType: 'gauge', now })).toBe(4);
    expect(projectUsage({ ...period, used: 500, usageType: 'counter', now: new Date('2026-04-02T00:00:00Z') })).toBe(
      500,
    );
  });

  it('counts the first day as a whole day', () => {
    const now = new Date('2026-03-01T00:10:00.000Z');
    expect(projectUsage({ ...period, used: 100, usageType: 'counter', now })).toBe(3000);
  });

  it('prices the projected overage like the invoice: sub-cent unit price, rounded once', () => {
    // 0.08 minor units each: 125,000 − 100,000 = 25,000 over → 2,000 minor units ($20.00)
    expect(projectedOverage({ projected: 125_000, included: 100_000, overageUnitPrice: '0.08' })).toEqual({
      overage: 25_000,
      amount: 2000,
    });
    expect(projectedOverage({ projected: 10_001, included: 10_000, overageUnitPrice: '0.1' })).toEqual({
      overage: 1,
      amount: 0,
    });
    expect(projectedOverage({ projected: 99, included: 100, overageUnitPrice: '0.1' })).toEqual({
      overage: 0,
      amount: 0,
    });
    expect(projectedOverage({ projected: 9, included: 5, overageUnitPrice: null })).toEqual({ overage: 4, amount: 0 });
    expect(projectedOverage({ projected: 9, included: null, overageUnitPrice: '1' })).toEqual({
      overage: 0,
      amount: 0,
    });
  });
});

describe('daily series for the chart', () => {
  it('has every day from the start to today, zero where nothing was used', () => {
    const series = dailySeries(
      [
        { day: '2026-03-01', quantity: 5 },
        { day: '2026-03-03', quantity: 7 },
      ],
      '2026-03-01T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
      new Date('2026-03-04T12:00:00.000Z'),
    );
    expect(series).toEqual([
      { day: '2026-03-01', quantity: 5 },
      { day: '2026-03-02', quantity: 0 },
      { day: '2026-03-03', quantity: 7 },
      { day: '2026-03-04', quantity: 0 },
    ]);
  });
});
