import { describe, expect, it } from 'vitest';
import { calendarMonth, periodOf, timingRejection } from './periods';

const d = (iso: string) => new Date(iso);
const anchor = {
  currentPeriodStart: d('2026-11-15T10:00:00Z'),
  currentPeriodEnd: d('2026-12-15T10:00:00Z'),
  billingCycle: 'monthly' as const,
};
const now = d('2026-11-20T00:00:00Z');

describe('billing periods of usage', () => {
  it('puts usage in the subscription’s current period', () => {
    expect(periodOf(anchor, d('2026-11-16T00:00:00Z'), now)).toEqual({
      start: anchor.currentPeriodStart,
      end: anchor.currentPeriodEnd,
    });
  });

  it('puts late usage in the period it happened in', () => {
    expect(periodOf(anchor, d('2026-11-14T23:00:00Z'), now)).toEqual({
      start: d('2026-10-15T10:00:00Z'),
      end: anchor.currentPeriodStart,
    });
  });

  it('uses calendar months without a subscription', () => {
    expect(periodOf(null, d('2026-02-28T12:00:00Z'), now)).toEqual(calendarMonth(d('2026-02-01T00:00:00Z')));
    expect(calendarMonth(d('2026-12-31T23:59:59Z')).end).toEqual(d('2027-01-01T00:00:00Z'));
  });
});

describe('timingRejection', () => {
  const previous = { start: d('2026-10-15T10:00:00Z'), end: d('2026-11-15T10:00:00Z') };
  it('accepts late usage within the window after its period ended', () => {
    expect(timingRejection(previous, d('2026-11-14T00:00:00Z'), d('2026-11-18T09:59:59Z'), 3)).toBeNull();
  });
  it('refuses it after the window', () => {
    expect(timingRejection(previous, d('2026-11-14T00:00:00Z'), d('2026-11-18T10:00:01Z'), 3)).toBe('too_late');
  });
  it('refuses usage from the future, allowing a little clock skew', () => {
    const current = { start: anchor.currentPeriodStart, end: anchor.currentPeriodEnd };
    expect(timingRejection(current, d('2026-11-20T00:04:00Z'), now, 3)).toBeNull();
    expect(timingRejection(current, d('2026-11-20T00:06:00Z'), now, 3)).toBe('in_future');
  });
});
