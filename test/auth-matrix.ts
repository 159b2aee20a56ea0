import type { Database } from '../db/client';
import { createApiKey, revokeApiKey } from '../server/auth/api-keys';
import { TEST_PLATFORM_ORG_ID } from './deps';
import { bearer, mintToken, OTHER_KEYS, tamper } from './tokens';

/** The callers both authorization matrices (tRPC and REST) walk every procedure and route with. */
export const ORG_A = 'org_alpha';
export const ORG_B = 'org_beta';
export const ALL_SCOPES = ['usage:write', 'entitlements:read', 'subscriptions:read'];

export type Outcome = 'allow' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';

/** Who a caller is, for the expectations: each matrix maps it onto its own policies. */
export type Who =
  | { kind: 'anonymous' | 'refused' | 'no-org' }
  | { kind: 'person'; rank: 0 | 1 | 2; org: 'own' | 'other' | 'platform' }
  | { kind: 'key'; scopes: string[] };

export interface MatrixCaller {
  name: string;
  who: Who;
  headers: (keys: MatrixKeys) => Promise<Record<string, string>>;
}

export type MatrixKeys = Record<'scoped' | 'unscoped' | 'platform' | 'revoked', string>;

/** API keys of ORG_A with and without the scopes, a platform key, and a revoked one. */
export async function createMatrixKeys(db: Database): Promise<MatrixKeys> {
  const make = (name: string, organizationId: string, scopes: string[], isPlatform = false) =>
    createApiKey(db, {
      organizationId,
      name,
      scopes: scopes as never,
      isPlatform,
      actor: { type: 'system', id: null },
      requestId: 'setup',
    });
  const revoked = await make('revoked', ORG_A, ALL_SCOPES);
  await revokeApiKey(db, {
    organizationId: ORG_A,
    id: revoked.id,
    actor: { type: 'system', id: null },
    requestId: 'setup',
    now: new Date(),
  });
  return {
    scoped: (await make('scoped', ORG_A, ALL_SCOPES)).secret,
    unscoped: (await make('unscoped', ORG_A, [])).secret,
    platform: (await make('platform', TEST_PLATFORM_ORG_ID, ALL_SCOPES, true)).secret,
    revoked: revoked.secret,
  };
}

const token = (options: Parameters<typeof mintToken>[0]) => async () => bearer(await mintToken(options));

export const MATRIX_CALLERS: MatrixCaller[] = [
  { name: 'anonymous', who: { kind: 'anonymous' }, headers: async () => ({}) },
  {
    name: 'member',
    who: { kind: 'person', rank: 0, org: 'own' },
    headers: token({ orgId: ORG_A, role: 'org:member' }),
  },
  {
    name: 'billing',
    who: { kind: 'person', rank: 1, org: 'own' },
    headers: token({ orgId: ORG_A, role: 'org:billing' }),
  },
  { name: 'admin', who: { kind: 'person', rank: 2, org: 'own' }, headers: token({ orgId: ORG_A, role: 'org:admin' }) },
  {
    name: 'admin (v1 token)',
    who: { kind: 'person', rank: 2, org: 'own' },
    headers: token({ orgId: ORG_A, role: 'org:admin', version: 1 }),
  },
  {
    name: 'unknown role',
    who: { kind: 'person', rank: 0, org: 'own' },
    headers: token({ orgId: ORG_A, role: 'org:owner' }),
  },
  { name: 'signed in, no active org', who: { kind: 'no-org' }, headers: token({ orgId: null }) },
  {
    name: 'admin of another org',
    who: { kind: 'person', rank: 2, org: 'other' },
    headers: token({ orgId: ORG_B, role: 'org:admin' }),
  },
  {
    name: 'platform admin',
    who: { kind: 'person', rank: 2, org: 'platform' },
    headers: token({ orgId: TEST_PLATFORM_ORG_ID, role: 'org:admin' }),
  },
  {
    name: 'platform org member',
    who: { kind: 'person', rank: 0, org: 'platform' },
    headers: token({ orgId: TEST_PLATFORM_ORG_ID, role: 'org:member' }),
  },
  { name: 'API key with the scopes', who: { kind: 'key', scopes: ALL_SCOPES }, headers: async (k) => bearer(k.scoped) },
  { name: 'API key without the scope', who: { kind: 'key', scopes: [] }, headers: async (k) => bearer(k.unscoped) },
  { name: 'platform API key', who: { kind: 'key', scopes: ALL_SCOPES }, headers: async (k) => bearer(k.platform) },
  { name: 'revoked API key', who: { kind: 'refused' }, headers: async (k) => bearer(k.revoked) },
  { name: 'unknown API key', who: { kind: 'refused' }, headers: async () => bearer('bsk_doesnotexist') },
  { name: 'expired token', who: { kind: 'refused' }, headers: token({ orgId: ORG_A, expiresInSeconds: -60 }) },
  {
    name: 'tampered token',
    who: { kind: 'refused' },
    headers: async () => bearer(tamper(await mintToken({ orgId: ORG_A }))),
  },
  {
    name: 'token from another key',
    who: { kind: 'refused' },
    headers: token({ orgId: ORG_A, privateKeyPem: OTHER_KEYS.privateKeyPem }),
  },
  {
    name: 'token for another app (azp)',
    who: { kind: 'refused' },
    headers: token({ orgId: ORG_A, azp: 'https://evil.test' }),
  },
  { name: 'malformed Authorization', who: { kind: 'refused' }, headers: async () => ({ authorization: 'Basic abc' }) },
];
