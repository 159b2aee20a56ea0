import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { apiKeys, type ApiKeyScope } from '@/db/schema';
import { recordAudit, type Actor } from '../billing/audit.service';
import { NotFoundError } from '../errors';
import type { ApiKeyPrincipal } from './principal';

/** Every service key starts with this, so it is told apart from a session token at a glance. */
export const API_KEY_PREFIX = 'bsk_';
const SECRET_BYTES = 32;
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
const TOUCH_INTERVAL_MS = 60_000;

export const looksLikeApiKey = (token: string) => token.startsWith(API_KEY_PREFIX);

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  isPlatform: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const toView = (row: typeof apiKeys.$inferSelect): ApiKeyView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes as ApiKeyScope[],
  isPlatform: row.isPlatform,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
});

export interface CreateApiKeyInput {
  organizationId: string;
  name: string;
  scopes: ApiKeyScope[];
  isPlatform: boolean;
  actor: Actor;
  requestId: string;
}

/** Creates a key; the secret is returned this once and only its SHA-256 hash is stored. */
export async function createApiKey(db: Database, input: CreateApiKeyInput): Promise<ApiKeyView & { secret: string }> {
  const secret = `${API_KEY_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        organizationId: input.organizationId,
        name: input.name,
        scopes: [...new Set(input.scopes)].sort(),
        isPlatform: input.isPlatform,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        keyHash: hashSecret(secret),
        createdBy: input.actor.id,
      })
      .returning();
    const view = toView(row!);
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: view.id,
      after: { name: view.name, prefix: view.prefix, scopes: view.scopes, isPlatform: view.isPlatform },
      requestId: input.requestId,
    });
    return { ...view, secret };
  });
}

/** The organization's keys, newest first, without secrets. */
export async function listApiKeys(db: Database, organizationId: string): Promise<ApiKeyView[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, organizationId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(toView);
}

/** Revokes a key of the organization at once; a key of another organization reads as not found. */
export async function revokeApiKey(
  db: Database,
  input: { organizationId: string; id: string; actor: Actor; requestId: string; now: Date },
): Promise<ApiKeyView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: input.now })
      .where(and(eq(apiKeys.id, input.id), eq(apiKeys.organizationId, input.organizationId), isNull(apiKeys.revokedAt)))
      .returning();
    if (row) forgetKey(row.keyHash);
    if (!row) {
      const [existing] = await tx
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.id, input.id), eq(apiKeys.organizationId, input.organizationId)));
      if (!existing) throw new NotFoundError('API key');
      return toView(existing); // already revoked: revoking again changes nothing
    }
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: row.id,
      before: { revokedAt: null },
      after: { revokedAt: row.revokedAt },
      requestId: input.requestId,
    });
    return toView(row);
  });
}

export type ApiKeyVerdict = { ok: true; principal: ApiKeyPrincipal } | { ok: false; reason: string };

/**
 * Authenticates a presented key: found by its hash, compared in constant time, refused when revoked or
 * expired. Records when it was last used, at most once a minute per key.
 */
export async function authenticateApiKey(db: Database, secret: string, now: Date): Promise<ApiKeyVerdict> {
  if (!looksLikeApiKey(secret) || secret.length > 200) return { ok: false, reason: 'API key is invalid' };
  const hash = hashSecret(secret);
  const row = await findKey(db, hash);
  if (!row || !timingSafeEqual(Buffer.from(row.keyHash, 'hex'), Buffer.from(hash, 'hex'))) {
    return { ok: false, reason: 'API key is invalid' };
  }
  if (row.revokedAt) return { ok: false, reason: 'API key has been revoked' };
  if (row.expiresAt && row.expiresAt <= now) return { ok: false, reason: 'API key has expired' };
  touchLastUsed(db, row.id, now);
  return {
    ok: true,
    principal: {
      kind: 'apiKey',
      keyId: row.id,
      organizationId: row.organizationId,
      isPlatform: row.isPlatform,
      scopes: row.scopes as ApiKeyScope[],
    },
  };
}

/**
 * Service calls come in bursts with the same key: its row is kept for a few seconds instead of read on
 * every request of the hot path. A revocation here drops it at once; other instances see it within
 * KEY_CACHE_MS.
 */
const KEY_CACHE_MS = 5_000;
const keyCache = new Map<string, { row: typeof apiKeys.$inferSelect | undefined; until: number }>();

async function findKey(db: Database, hash: string) {
  const cached = keyCache.get(hash);
  if (cached && cached.until > Date.now()) return cached.row;
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, hash));
  if (keyCache.size > 10_000) keyCache.clear();
  keyCache.set(hash, { row, until: Date.now() + KEY_CACHE_MS });
  return row;
}

/** Forgets a key's cached row (on revocation). */
function forgetKey(keyHash: string): void {
  keyCache.delete(keyHash);
}

const lastTouched = new Map<string, number>();

/** Writes last_used_at in the background, at most once a minute per key and per process. */
function touchLastUsed(db: Database, keyId: string, now: Date): void {
  const previous = lastTouched.get(keyId);
  if (previous !== undefined && now.getTime() - previous < TOUCH_INTERVAL_MS) return;
  lastTouched.set(keyId, now.getTime());
  const staleBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS);
  void db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))))
    .catch(() => lastTouched.delete(keyId));
}
