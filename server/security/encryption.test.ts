import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, decryptValue, encryptValue, parseKeyRing } from './encryption';

const keySpec = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('field encryption (AES-256-GCM)', () => {
  const ring = parseKeyRing([keySpec('k1')]);

  it('round-trips a value, with a fresh IV each time so equal values do not look equal', () => {
    const a = encryptValue(ring, 'ada@example.com', 'ctx');
    const b = encryptValue(ring, 'ada@example.com', 'ctx');
    expect(a).not.toBe(b);
    expect(a).not.toContain('ada');
    expect(decryptValue(ring, 'k1', a, 'ctx')).toBe('ada@example.com');
  });

  it('refuses a value moved to another row or field, a tampered one, and an unknown key', () => {
    const value = encryptValue(ring, 'secret', 'billing_customers:org_a:email');
    expect(() => decryptValue(ring, 'k1', value, 'billing_customers:org_b:email')).toThrow(DecryptionError);
    const raw = Buffer.from(value, 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => decryptValue(ring, 'k1', raw.toString('base64'), 'billing_customers:org_a:email')).toThrow(
      DecryptionError,
    );
    expect(() => decryptValue(ring, 'k9', value, 'billing_customers:org_a:email')).toThrow(/no key with id k9/);
  });

  it('rotates: the first key encrypts, older ones still decrypt', () => {
    const old = parseKeyRing([keySpec('2025')]);
    const written = encryptValue(old, 'v', 'c');
    const rotated = parseKeyRing([keySpec('2026'), ...[...old.keys].map(([id, k]) => `${id}:${k.toString('base64')}`)]);
    expect(rotated.currentKeyId).toBe('2026');
    expect(decryptValue(rotated, '2025', written, 'c')).toBe('v');
    expect(() => decryptValue(rotated, '2026', written, 'c')).toThrow(DecryptionError);
  });

  it.each([
    [['k1:short'], /32 bytes/],
    [['nocolon'], /id:base64/],
    [[keySpec('a'), keySpec('a')], /appears twice/],
    [[], /at least one key/],
  ])('rejects a malformed key ring %#', (entries, message) => {
    expect(() => parseKeyRing(entries)).toThrow(message);
  });
});
