import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Field encryption for personal data at rest: AES-256-GCM, a fresh 12-byte IV per value, and the
 * value's context (table, row owner, field) as associated data, so a ciphertext copied to another row
 * or field fails to decrypt instead of reading as someone else's data.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** The keys that can decrypt, by id; `currentKeyId` encrypts every new value. */
export interface KeyRing {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** A key id: short, stored beside each value. */
export const KEY_ID_PATTERN = /^[\w.-]{1,32}$/;

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

/**
 * Parses `DATA_ENCRYPTION_KEY` entries, `id:base64-of-32-bytes`; the first is current, the others
 * still decrypt (rotation: put the new key first, re-encrypt, then drop the old one).
 */
export function parseKeyRing(entries: readonly string[]): KeyRing {
  if (entries.length === 0) throw new Error('at least one key is needed');
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || !KEY_ID_PATTERN.test(id)) throw new Error('each key must be written id:base64');
    if (key.length !== KEY_BYTES) throw new Error(`key ${id} must be ${KEY_BYTES} bytes (base64 of 32 random bytes)`);
    if (keys.has(id)) throw new Error(`key id ${id} appears twice`);
    keys.set(id, key);
  }
  return { currentKeyId: entries[0]!.slice(0, entries[0]!.indexOf(':')), keys };
}

/**
 * The key used when DATA_ENCRYPTION_KEY is unset, outside production: derived from a public phrase, so
 * it protects nothing; it only keeps the embedded default and tests on the same code path as production.
 */
export const DEVELOPMENT_KEY_RING: KeyRing = {
  currentKeyId: 'dev',
  keys: new Map([['dev', createHash('sha256').update('billing-service development data key').digest()]]),
};

/** Encrypts under the current key: base64 of iv ‖ tag ‖ ciphertext. */
export function encryptValue(ring: KeyRing, plaintext: string, context: string): string {
  const key = ring.keys.get(ring.currentKeyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Decrypts a value written under `keyId`; a wrong key, context or tampered value throws DecryptionError. */
export function decryptValue(ring: KeyRing, keyId: string, value: string, context: string): string {
  const key = ring.keys.get(keyId);
  if (!key) throw new DecryptionError(`no key with id ${keyId} in DATA_ENCRYPTION_KEY`);
  const raw = Buffer.from(value, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError('encrypted value is truncated');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('encrypted value failed authentication (wrong key, wrong row or tampered)');
  }
}
