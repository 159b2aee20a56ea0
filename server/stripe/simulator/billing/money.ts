/**
 * Exact arithmetic on Stripe's amounts. Prices may carry `unit_amount_decimal` with up to 12 decimal
 * places of a minor unit, so amounts are scaled bigints and every line is rounded once, half away
 * from zero, to an integer of minor units.
 */
const SCALE = 10n ** 12n;

function toScaled(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  const scaled = BigInt(whole) * SCALE + BigInt(fraction.padEnd(12, '0').slice(0, 12));
  return negative ? -scaled : scaled;
}

/** Rounds numerator/denominator half away from zero (Stripe's rounding for amounts). */
export function roundHalfUp(numerator: bigint, denominator: bigint): number {
  if (denominator < 0n) return roundHalfUp(-numerator, -denominator);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (abs * 2n + denominator) / (denominator * 2n);
  return Number(negative ? -rounded : rounded);
}

/** unit × quantity, rounded once. */
export function lineAmount(unitAmountDecimal: string, quantity: number): number {
  return roundHalfUp(toScaled(unitAmountDecimal) * BigInt(quantity), SCALE);
}

/** unit × quantity × part/whole (a proration by seconds), rounded once. */
export function proratedAmount(unitAmountDecimal: string, quantity: number, part: number, whole: number): number {
  if (whole <= 0) return 0;
  return roundHalfUp(toScaled(unitAmountDecimal) * BigInt(quantity) * BigInt(part), SCALE * BigInt(whole));
}

/** percent (e.g. 25.5) of amount, rounded once. */
export function percentOf(amount: number, percent: number): number {
  return roundHalfUp(BigInt(amount) * toScaled(String(percent)), SCALE * 100n);
}

/** The integer amount a decimal unit price stands for, or null when it has a fraction of a cent. */
export function integerAmount(unitAmountDecimal: string): number | null {
  const scaled = toScaled(unitAmountDecimal);
  return scaled % SCALE === 0n ? Number(scaled / SCALE) : null;
}

/** Normalises `"1500.000"` to `"1500"` as Stripe echoes it. */
export function normaliseDecimal(decimal: string): string {
  const scaled = toScaled(decimal);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(12, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Splits `total` over `weights` in proportion, in integers that add up exactly (largest remainder).
 * Used to spread an invoice-level discount over its lines.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const floors = exact.map(Math.floor);
  let rest = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    rest--;
  }
  return floors;
}
