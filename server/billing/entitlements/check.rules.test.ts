import { describe, expect, it } from 'vitest';
import { decideAccess } from './access.rules';
import { checkFeature, checkLimit, type LimitTerms } from './check.rules';

const hard: LimitTerms = { maxValue: 5, overageUnitPrice: null, enforcement: 'hard', usageType: 'gauge' };
const soft: LimitTerms = { maxValue: 100, overageUnitPrice: '0.1', enforcement: 'soft', usageType: 'counter' };

describe('checkLimit', () => {
  it.each([
    [hard, 3, 1, true, 'ok', 2, 0],
    [hard, 4, 1, true, 'ok', 1, 0],
    [hard, 5, 1, false, 'hard_limit_reached', 0, 1],
    [hard, 4, 2, false, 'hard_limit_reached', 1, 1],
    [soft, 99, 1, true, 'ok', 1, 0],
    [soft, 100, 5, true, 'soft_limit_overage', 0, 5],
    [soft, 98, 5, true, 'soft_limit_overage', 2, 3],
  ] as const)(
    '%o used %i + %i → allowed %s (%s), remaining %i, overage %i',
    (limit, used, quantity, allowed, reason, remaining, overage) => {
      expect(checkLimit('k', limit, used, quantity)).toMatchObject({
        allowed,
        reason,
        remaining,
        overage,
        used,
        limit: limit.maxValue,
      });
    },
  );

  it('always allows unlimited', () => {
    expect(checkLimit('k', { ...hard, maxValue: -1 }, 1e9, 1)).toMatchObject({
      allowed: true,
      limit: null,
      remaining: null,
    });
  });

  it('treats a static limit as a setting', () => {
    const retention: LimitTerms = { maxValue: 30, overageUnitPrice: null, enforcement: 'hard', usageType: 'static' };
    expect(checkLimit('data_retention_days', retention, 0, 30).allowed).toBe(true);
    expect(checkLimit('data_retention_days', retention, 0, 31)).toMatchObject({
      allowed: false,
      reason: 'hard_limit_reached',
    });
  });
});

describe('checkFeature', () => {
  it.each([
    ['boolean', 'true', true],
    ['boolean', 'false', false],
    ['number', '25', true],
    ['number', '0', false],
    ['text', 'priority', true],
  ] as const)('%s %s → %s', (featureType, value, allowed) => {
    expect(checkFeature('f', { featureType, value })).toMatchObject({
      allowed,
      reason: allowed ? 'ok' : 'feature_disabled',
    });
  });
});

describe('decideAccess', () => {
  const now = new Date('2026-11-20T00:00:00Z');
  const options = { now, graceDays: 7, hasFallbackPlan: false };
  it('gives the plan to active and trialing subscriptions', () => {
    expect(decideAccess({ status: 'active', pastDueSince: null }, options).source).toBe('plan');
    expect(decideAccess({ status: 'trialing', pastDueSince: null }, options).source).toBe('plan');
  });
  it('keeps the plan during the grace period after a failed payment, then takes it away', () => {
    const inGrace = decideAccess({ status: 'past_due', pastDueSince: new Date('2026-11-14T00:00:00Z') }, options);
    expect(inGrace).toEqual({ source: 'grace', denial: null, graceEndsAt: new Date('2026-11-21T00:00:00Z') });
    const expired = decideAccess({ status: 'past_due', pastDueSince: new Date('2026-11-12T00:00:00Z') }, options);
    expect(expired).toMatchObject({ source: 'none', denial: 'payment_grace_expired' });
    expect(decideAccess({ status: 'unpaid', pastDueSince: null }, options).denial).toBe('payment_grace_expired');
  });
  it('falls back to the free plan when one is configured, or to nothing', () => {
    expect(decideAccess(null, options)).toMatchObject({ source: 'none', denial: 'no_subscription' });
    expect(
      decideAccess({ status: 'canceled', pastDueSince: null }, { ...options, hasFallbackPlan: true }),
    ).toMatchObject({
      source: 'fallback',
      denial: 'no_subscription',
    });
  });
});
