import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from './columns';

export const API_KEY_SCOPES = ['usage:write', 'entitlements:read', 'subscriptions:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Service API keys; only a SHA-256 hash of the secret is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The owning org; a platform key acts for the org named in each call. */
    organizationId: text('organization_id').notNull(),
    isPlatform: boolean('is_platform').notNull().default(false),
    name: text('name').notNull(),
    /** The first characters of the secret, shown in lists so a key can be recognised. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: text('created_by'),
    lastUsedAt: tstz('last_used_at'),
    expiresAt: tstz('expires_at'),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_key').on(t.keyHash),
    uniqueIndex('api_keys_prefix_key').on(t.prefix),
    index('api_keys_organization_idx').on(t.organizationId, t.createdAt),
    check('api_keys_hash_check', sql`${t.keyHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
