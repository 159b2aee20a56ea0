import { createHash } from 'node:crypto';

/**
 * An idempotency key for a Stripe update of an object we edit again and again: the row's version
 * (its updatedAt) and the parameters, so a retry replays and a new edit is a new request.
 */
export function versionedKey(prefix: string, version: Date, params: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 16);
  return `${prefix}:${version.getTime()}:${digest}`;
}
