import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const UPPER_ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function randomToken(length: number, alphabet = ALPHANUMERIC): string {
  let out = '';
  for (const byte of randomBytes(length)) out += alphabet.charAt(byte % alphabet.length);
  return out;
}

/** A Stripe-style id such as `cus_…` or `sub_sched_…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(24)}`;
}

/** Coupon ids, promotion codes and invoice prefixes look like `Z4OV52SU` at Stripe. */
export function newCode(length = 8): string {
  return randomToken(length, UPPER_ALPHANUMERIC);
}
