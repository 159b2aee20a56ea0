import { describe, expect, it } from 'vitest';
import { classifyPlanChange, type PricePoint } from './plan-change.rules';

const starter = (cycle: 'monthly' | 'yearly'): PricePoint => ({
  planId: 'starter',
  billingCycle: cycle,
  unitAmount: cycle === 'monthly' ? 2900 : 29000,
});
const pro = (cycle: 'monthly' | 'yearly'): PricePoint => ({
  planId: 'pro',
  billingCycle: cycle,
  unitAmount: cycle === 'monthly' ? 9900 : 99000,
});

describe('classifyPlanChange', () => {
  it.each([
    [starter('monthly'), starter('monthly'), 'same'],
    [starter('monthly'), pro('monthly'), 'upgrade'],
    [pro('monthly'), starter('monthly'), 'downgrade'],
    [starter('monthly'), starter('yearly'), 'upgrade'],
    [starter('yearly'), starter('monthly'), 'downgrade'],
    [pro('yearly'), starter('monthly'), 'downgrade'],
    [starter('yearly'), pro('monthly'), 'downgrade'],
    [pro('monthly'), starter('yearly'), 'upgrade'],
    [starter('yearly'), pro('yearly'), 'upgrade'],
  ] as const)('%o → %o is %s', (from, to, expected) => {
    expect(classifyPlanChange(from, to)).toBe(expected);
  });

  it('treats an equal price on another plan as an upgrade (no reason to wait)', () => {
    expect(classifyPlanChange(pro('monthly'), { planId: 'other', billingCycle: 'monthly', unitAmount: 9900 })).toBe(
      'upgrade',
    );
  });
});
