import {
  currencyExponent,
  formatDecimal,
  majorToMinor,
  majorToMinorDecimal,
  parseDecimal,
} from '@/server/billing/money';

/**
 * The console's money fields: admins type major units ("29", "0.001"); the API takes integer minor
 * units for prices and exact decimal strings of minor units for unit prices. Conversions are exact.
 */
export type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

const NUMBER = /^\d+(\.\d+)?$/;

/** A price typed in major units → integer minor units (29.99 usd → 2999). */
export function parsePrice(text: string, currency: string): Parsed<number> {
  const trimmed = text.trim();
  if (!trimmed) return { error: 'enter an amount' };
  if (!NUMBER.test(trimmed)) return { error: 'a number, like 29 or 29.99' };
  try {
    return { value: majorToMinor(trimmed, currency) };
  } catch {
    return { error: `no finer than one ${currencyExponent(currency) === 0 ? 'unit' : 'cent'}` };
  }
}

/** A unit price typed in major units → exact minor units ("0.001" usd → "0.1"); blank is none. */
export function parseUnitPrice(text: string, currency: string): Parsed<string | null> {
  const trimmed = text.trim();
  if (!trimmed) return { value: null };
  if (!NUMBER.test(trimmed)) return { error: 'a number, like 0.001' };
  const minor = majorToMinorDecimal(trimmed, currency);
  if (parseDecimal(minor).scale > 10) return { error: 'too many decimals' };
  return { value: minor };
}

/** Minor units (a number or an exact decimal string) → major units as typed, every digit kept. */
export function majorText(minor: number | string, currency: string): string {
  const value = parseDecimal(String(minor));
  return formatDecimal({ coefficient: value.coefficient, scale: value.scale + currencyExponent(currency) });
}
