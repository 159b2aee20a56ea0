import { describe, expect, it } from 'vitest';
import { majorText, parsePrice, parseUnitPrice } from './amounts';

describe('the console’s money fields', () => {
  it.each([
    ['29', 'usd', { value: 2900 }],
    ['29.99', 'usd', { value: 2999 }],
    [' 0 ', 'usd', { value: 0 }],
    ['500', 'jpy', { value: 500 }],
    ['29.999', 'usd', { error: 'no finer than one cent' }],
    ['', 'usd', { error: 'enter an amount' }],
    ['$29', 'usd', { error: 'a number, like 29 or 29.99' }],
  ])('price %j %s → %j', (text, currency, parsed) => {
    expect(parsePrice(text, currency)).toEqual(parsed);
  });

  it.each([
    ['0.001', 'usd', { value: '0.1' }],
    ['5', 'usd', { value: '500' }],
    ['0.0001', 'usd', { value: '0.01' }],
    ['', 'usd', { value: null }],
    ['1e-3', 'usd', { error: 'a number, like 0.001' }],
  ])('unit price %j %s → %j', (text, currency, parsed) => {
    expect(parseUnitPrice(text, currency)).toEqual(parsed);
  });

  it('shows minor units back in major units exactly', () => {
    expect(majorText(2900, 'usd')).toBe('29');
    expect(majorText(2999, 'usd')).toBe('29.99');
    expect(majorText('0.1', 'usd')).toBe('0.001');
    expect(majorText('0.00001', 'usd')).toBe('0.0000001');
  });
});
