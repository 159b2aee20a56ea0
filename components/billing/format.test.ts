import { describe, expect, it } from 'vitest';
import { cardBrand, cardExpired, cardExpiry, cardLabel, formatDate, formatPeriod, metricLabel } from './format';

describe('portal formats', () => {
  it('shows dates in UTC, the way billing periods are cut', () => {
    expect(formatDate('2026-03-01T00:00:00.000Z')).toBe('Mar 1, 2026');
    expect(formatDate(null)).toBe('—');
    expect(formatPeriod('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toBe('Mar 1, 2026 – Apr 1, 2026');
  });

  it('names cards the way people know them', () => {
    expect(cardBrand('amex')).toBe('American Express');
    expect(cardBrand('elo')).toBe('Elo');
    expect(cardExpiry(4, 2027)).toBe('04/2027');
    expect(cardExpiry(null, 2027)).toBe('—');
    expect(cardLabel({ brand: 'visa', last4: '4242' })).toBe('Visa •••• 4242');
  });

  it('keeps a card valid through its expiry month', () => {
    expect(cardExpired(3, 2026, new Date('2026-03-31T23:00:00Z'))).toBe(false);
    expect(cardExpired(3, 2026, new Date('2026-04-01T00:00:00Z'))).toBe(true);
  });

  it('labels metrics for non-technical readers', () => {
    expect(metricLabel('notifications_per_month')).toBe('Notifications');
    expect(metricLabel('storage_gb')).toBe('Storage gb');
  });
});
