import { describe, expect, it } from 'vitest';
import { featureIncluded, featureLabel, limitLabel, overageLabel } from './labels';

const limit = (over: Partial<Parameters<typeof limitLabel>[0]>) => ({
  id: 'l',
  resourceType: 'notifications_per_month',
  maxValue: 10_000,
  unlimited: false,
  overageUnitPrice: null,
  enforcement: 'hard' as const,
  usageType: 'counter' as const,
  ...over,
});

describe('pricing labels read as a customer expects', () => {
  it('shows included quantities with units', () => {
    expect(limitLabel(limit({}))).toBe('10,000 notifications / month');
    expect(limitLabel(limit({ resourceType: 'websites', maxValue: -1, unlimited: true }))).toBe('Unlimited websites');
  });

  it('shows sub-cent overage prices exactly in dollars', () => {
    expect(overageLabel(limit({ overageUnitPrice: '0.1' }), 'usd')).toBe('then $0.001 each');
    expect(overageLabel(limit({ overageUnitPrice: '0.08' }), 'usd')).toBe('then $0.0008 each');
    expect(overageLabel(limit({ overageUnitPrice: '0.01' }), 'usd')).toBe('then $0.0001 each');
    expect(overageLabel(limit({ overageUnitPrice: '500' }), 'usd')).toBe('then $5.00 each');
    expect(overageLabel(limit({ overageUnitPrice: null }), 'usd')).toBeNull();
  });

  it('labels features by type', () => {
    const base = { id: 'f', name: 'templates', isHighlighted: false };
    expect(featureLabel({ ...base, featureType: 'number', value: '25', description: 'Notification templates' })).toBe(
      '25 notification templates',
    );
    expect(featureIncluded({ ...base, featureType: 'boolean', value: 'false', description: null })).toBe(false);
  });
});
