/**
 * Money: integer minor units everywhere; unit prices below a cent as exact decimal strings of minor units
 * (like Stripe's `unit_amount_decimal`). The one rounding rule: a line total is rounded half-up, once.
 */

/** Currencies whose minor unit is the major unit (Stripe's zero-decimal list). */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

/** Digits after the decimal point of one major unit: 2 for usd, 0 for jpy. */
export const currencyExponent = (currency: string): number => (ZERO_DECIMAL.has(currency.toLowerCase()) ? 0 : 2);

/** An exact decimal: value = coefficient / 10^scale. */
interface Decimal {
  coefficient: bigint;
  scale: number;
}

const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

export function parseDecimal(text: string): Decimal {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) throw new RangeError(`Not a decimal number: "${text}"`);
  const [, sign, whole, fraction = ''] = match;
  const coefficient = BigInt(`${whole}${fraction}`);
  return { coefficient: sign ? -coefficient : coefficient, scale: fraction.length };
}

/** Formats without trailing zeros: "0.10" → "0.1", "5.000" → "5". */
export function formatDecimal({ coefficient, scale }: Decimal): string {
  const negative = coefficient < 0n;
  const digits = (negative ? -coefficient : coefficient).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** NUMERIC comes back padded to its scale ("0.1000000000"); this is the value as written ("0.1"). */
export const normalizeDecimal = (value: string): string => formatDecimal(parseDecimal(value));

/** Rounds to an integer, half away from zero (half-up on the amounts we bill). */
function roundHalfUp({ coefficient, scale }: Decimal): bigint {
  if (scale === 0) return coefficient;
  const divisor = 10n ** BigInt(scale);
  const negative = coefficient < 0n;
  const magnitude = negative ? -coefficient : coefficient;
  const rounded = (magnitude * 2n + divisor) / (2n * divisor);
  return negative ? -rounded : rounded;
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${value} exceeds the safe integer range`);
  }
  return Number(value);
}

/**
 * The total of a line: exact unit price (minor units, may be fractional) × integer quantity,
 * rounded half-up once to whole minor units.
 */
export function lineTotal(unitPriceMinor: string, quantity: number | bigint): number {
  if (typeof quantity === 'number' && !Number.isSafeInteger(quantity)) {
    throw new RangeError(`Quantity must be an integer, got ${quantity}`);
  }
  const unit = parseDecimal(unitPriceMinor);
  return toSafeNumber(roundHalfUp({ coefficient: unit.coefficient * BigInt(quantity), scale: unit.scale }));
}

/** Minor units → major units as an exact JSON number: 2900 usd → 29, "0.1" usd → 0.001. */
export function minorToMajor(amountMinor: number | string, currency: string): number {
  const value = parseDecimal(String(amountMinor));
  return Number(formatDecimal({ coefficient: value.coefficient, scale: value.scale + currencyExponent(currency) }));
}

/** Major units (as typed by an admin, "0.001") → exact minor-unit decimal string ("0.1"). */
export function majorToMinorDecimal(amountMajor: string | number, currency: string): string {
  const value = parseDecimal(typeof amountMajor === 'number' ? numberToPlainString(amountMajor) : amountMajor);
  const shift = currencyExponent(currency);
  if (value.scale >= shift) return formatDecimal({ coefficient: value.coefficient, scale: value.scale - shift });
  return formatDecimal({ coefficient: value.coefficient * 10n ** BigInt(shift - value.scale), scale: 0 });
}

/** Major units → integer minor units; refuses amounts finer than the currency's minor unit. */
export function majorToMinor(amountMajor: string | number, currency: string): number {
  const minor = parseDecimal(majorToMinorDecimal(amountMajor, currency));
  if (minor.scale > 0) throw new RangeError(`${amountMajor} ${currency} is finer than one minor unit`);
  return toSafeNumber(minor.coefficient);
}

/** Avoids exponent notation (1e-7) that the decimal parser would reject. */
function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite amount: ${n}`);
  return n.toFixed(20).replace(/\.?0+$/, '') || '0';
}

/** Formats minor units for people: 2900 usd → "$29.00". */
export function formatMoney(amountMinor: number, currency: string, locale = 'en-US'): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(amountMinor / 10 ** exponent);
}

/** Formats an exact unit price of minor units for people, keeping every digit: "0.1" usd → "$0.001". */
export function formatUnitPrice(unitPriceMinor: string, currency: string, locale = 'en-US'): string {
  const exponent = currencyExponent(currency);
  const value = parseDecimal(unitPriceMinor);
  const major = formatDecimal({ coefficient: value.coefficient, scale: value.scale + exponent });
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: exponent,
    maximumFractionDigits: 20,
  }).format(major as unknown as number); // Intl formats decimal strings exactly
}
