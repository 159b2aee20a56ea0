import { describe, expect, it } from 'vitest';
import {
  formatDecimal,
  formatMoney,
  formatUnitPrice,
  lineTotal,
  majorToMinor,
  majorToMinorDecimal,
  minorToMajor,
  parseDecimal,
} from './money';

describe('lineTotal rounds an exact unit price × quantity half-up once', () => {
  it.each([
    ['0.1', 10_001, 1000], // 1000.1 → 1000
    ['0.1', 10_005, 1001], // 1000.5 → 1001 (half-up)
    ['0.08', 12_345, 988], // 987.6 → 988
    ['0.01', 49, 0], // 0.49 → 0
    ['0.01', 50, 1], // 0.50 → 1
    ['500', 3, 1500],
    ['0.0000000001', 5_000_000_000, 1], // 0.5 → 1
    ['0', 1_000_000, 0],
  ])('%s × %i = %i', (unit, quantity, expected) => {
    expect(lineTotal(unit, quantity)).toBe(expected);
  });

  it('rounds the line once, not each unit: 3 × 0.5 = 1.5 → 2, never 3 × 1', () => {
    expect(lineTotal('0.5', 3)).toBe(2);
  });

  it('refuses fractional quantities and malformed prices', () => {
    expect(() => lineTotal('0.1', 1.5)).toThrow(RangeError);
    expect(() => lineTotal('1e-3', 1)).toThrow(RangeError);
    expect(() => lineTotal('abc', 1)).toThrow(RangeError);
  });

  it('stays exact where floating point would drift', () => {
    // 0.1 + 0.2 style drift: 0.3 × 3 in floats is 0.8999999…; exact is 0.9 → 1
    expect(lineTotal('0.3', 3)).toBe(1);
    expect(lineTotal('0.0008', 1_234_567)).toBe(988); // 987.6536 → 988
  });
});

describe('major and minor units', () => {
  it.each([
    [2900, 'usd', 29],
    [29900, 'usd', 299],
    [199, 'usd', 1.99],
    ['0.1', 'usd', 0.001],
    ['0.08', 'usd', 0.0008],
    [500, 'jpy', 500],
  ])('minorToMajor(%s %s) = %s', (minor, currency, major) => {
    expect(minorToMajor(minor, currency)).toBe(major);
  });

  it('converts admin input to exact minor-unit decimals', () => {
    expect(majorToMinorDecimal('0.001', 'usd')).toBe('0.1');
    expect(majorToMinorDecimal(0.0001, 'usd')).toBe('0.01');
    expect(majorToMinorDecimal('5', 'usd')).toBe('500');
    expect(majorToMinorDecimal('5', 'jpy')).toBe('5');
    expect(majorToMinor('29.99', 'usd')).toBe(2999);
    expect(() => majorToMinor('0.001', 'usd')).toThrow(/finer than one minor unit/);
  });

  it('parses and formats decimals without losing digits', () => {
    expect(formatDecimal(parseDecimal('0.100'))).toBe('0.1');
    expect(formatDecimal(parseDecimal('-12.50'))).toBe('-12.5');
    expect(formatDecimal(parseDecimal('7'))).toBe('7');
  });

  it('formats money for people', () => {
    expect(formatMoney(2900, 'usd')).toBe('$29.00');
    expect(formatMoney(1500, 'jpy')).toBe('¥1,500');
  });
});

describe('formatUnitPrice', () => {
  it('keeps sub-cent digits and pads whole cents', () => {
    expect(formatUnitPrice('0.1', 'usd')).toBe('$0.001');
    expect(formatUnitPrice('0.08', 'usd')).toBe('$0.0008');
    expect(formatUnitPrice('500', 'usd')).toBe('$5.00');
    expect(formatUnitPrice('0.0000000001', 'usd')).toBe('$0.000000000001');
  });
});
