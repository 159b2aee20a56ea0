import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { TEST_PLATFORM_ORG_ID, testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import { bearer, mintToken, OTHER_KEYS, tamper } from '@/test/tokens';
import { createApiKey, revokeApiKey } from '../auth/api-keys';
import { appRouter } from '../routers/_app';
import { handleTrpcRequest } from './http';

/**
 * Every procedure of the router × every kind of caller: allowed, or refused with the exact code.
 * The procedures are read from the router itself, so a new one without a policy here fails the test.
 */
type Policy = 'public' | 'member' | 'billing' | 'admin' | 'platform';

const POLICY: Record<string, Policy> = {
  'plans.list': 'public',
  'plans.get': 'public',
  'subscriptions.current': 'member',
  'subscriptions.create': 'billing',
  'subscriptions.previewChange': 'billing',
  'subscriptions.changePlan': 'billing',
  'subscriptions.cancelPendingChange': 'billing',
  'subscriptions.cancel': 'billing',
  'subscriptions.resume': 'billing',
  'paymentMethods.list': 'member',
  'paymentMethods.createSetupIntent': 'billing',
  'paymentMethods.attach': 'billing',
  'paymentMethods.setDefault': 'billing',
  'paymentMethods.remove': 'billing',
  'invoices.list': 'member',
  'invoices.get': 'member',
  'invoices.upcoming': 'member',
  'invoices.pay': 'billing',
  'promoCodes.validate': 'billing',
  'usage.record': 'billing',
  'usage.summary': 'member',
  'usage.daily': 'member',
  'entitlements.list': 'member',
  'entitlements.check': 'member',
  'entitlements.consume': 'billing',
  'apiKeys.list': 'admin',
  'apiKeys.create': 'admin',
  'apiKeys.revoke': 'admin',
  'audit.list': 'admin',
  'billingContact.get': 'billing',
  'billingContact.update': 'billing',
  'privacy.exportData': 'admin',
  'privacy.erase': 'platform',
  'admin.plans.list': 'platform',
  'admin.plans.get': 'platform',
  'admin.plans.create': 'platform',
  'admin.plans.update': 'platform',
  'admin.plans.archive': 'platform',
  'admin.plans.restore': 'platform',
  'admin.plans.reorder': 'platform',
  'admin.plans.setFeatures': 'platform',
  'admin.plans.setLimits': 'platform',
  'admin.plans.previewPriceMove': 'platform',
  'admin.plans.movePriceSubscribers': 'platform',
  'admin.promoCodes.list': 'platform',
  'admin.promoCodes.get': 'platform',
  'admin.promoCodes.create': 'platform',
  'admin.promoCodes.update': 'platform',
  'admin.promoCodes.deactivate': 'platform',
  'admin.organizations.get': 'platform',
};

const ORG_A = 'org_alpha';
const ORG_B = 'org_beta';
type Outcome = 'allow' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';

interface Caller {
  name: string;
  headers: () => Promise<Record<string, string>>;
  expect: (policy: Policy, scope: string | undefined) => Outcome;
}

const RANK = { member: 0, billing: 1, admin: 2 } as const;
const person =
  (rank: number) =>
  (policy: Policy): Outcome =>
    policy === 'public' ? 'allow' : policy === 'platform' ? 'FORBIDDEN' : RANK[policy] <= rank ? 'allow' : 'FORBIDDEN';
const refusedUnlessPublic = (policy: Policy): Outcome => (policy === 'public' ? 'allow' : 'UNAUTHORIZED');
const keyWith =
  (scopes: string[]) =>
  (policy: Policy, scope: string | undefined): Outcome =>
    policy === 'public' ? 'allow' : scope && scopes.includes(scope) && policy !== 'platform' ? 'allow' : 'FORBIDDEN';

let database: TestDatabase;
let server: TestServer;
const keys: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = testDeps(database.db);
  server = await serveFetchHandler((request) => handleTrpcRequest(request, deps));
  const make = async (name: string, organizationId: string, scopes: string[], isPlatform = false) => {
    const key = await createApiKey(database.db, {
      organizationId,
      name,
      scopes: scopes as never,
      isPlatform,
      actor: { type: 'system', id: null },
      requestId: 'setup',
    });
    keys[name] = key.secret;
    return key;
  };
  await make('scoped', ORG_A, ['usage:write', 'entitlements:read', 'subscriptions:read']);
  await make('unscoped', ORG_A, []);
  await make('platform', TEST_PLATFORM_ORG_ID, ['usage:write', 'entitlements:read', 'subscriptions:read'], true);
  const revoked = await make('revoked', ORG_A, ['usage:write', 'entitlements:read', 'subscriptions:read']);
  await revokeApiKey(database.db, {
    organizationId: ORG_A,
    id: revoked.id,
    actor: { type: 'system', id: null },
    requestId: 'setup',
    now: new Date(),
  });
});
afterAll(async () => {
  await server.close();
  await database.destroy();
});

const token = (options: Parameters<typeof mintToken>[0]) => async () => bearer(await mintToken(options));
const key = (name: string) => async () => bearer(keys[name]!);

const CALLERS: Caller[] = [
  { name: 'anonymous', headers: async () => ({}), expect: refusedUnlessPublic },
  { name: 'member', headers: token({ orgId: ORG_A, role: 'org:member' }), expect: person(0) },
  { name: 'billing', headers: token({ orgId: ORG_A, role: 'org:billing' }), expect: person(1) },
  { name: 'admin', headers: token({ orgId: ORG_A, role: 'org:admin' }), expect: person(2) },
  { name: 'admin (v1 token)', headers: token({ orgId: ORG_A, role: 'org:admin', version: 1 }), expect: person(2) },
  { name: 'unknown role', headers: token({ orgId: ORG_A, role: 'org:owner' }), expect: person(0) },
  {
    name: 'signed in, no active org',
    headers: token({ orgId: null }),
    expect: (p) => (p === 'public' ? 'allow' : 'FORBIDDEN'),
  },
  {
    name: 'admin of another org',
    headers: token({ orgId: ORG_B, role: 'org:admin' }),
    expect: (p) => (p === 'public' ? 'allow' : p === 'platform' ? 'FORBIDDEN' : 'NOT_FOUND'),
  },
  {
    name: 'platform admin',
    headers: token({ orgId: TEST_PLATFORM_ORG_ID, role: 'org:admin' }),
    expect: (p) => (p === 'public' || p === 'platform' ? 'allow' : 'NOT_FOUND'),
  },
  {
    name: 'platform org member',
    headers: token({ orgId: TEST_PLATFORM_ORG_ID, role: 'org:member' }),
    expect: (p) => (p === 'public' ? 'allow' : p === 'platform' ? 'FORBIDDEN' : 'NOT_FOUND'),
  },
  {
    name: 'API key with the scopes',
    headers: key('scoped'),
    expect: keyWith(['usage:write', 'entitlements:read', 'subscriptions:read']),
  },
  { name: 'API key without the scope', headers: key('unscoped'), expect: keyWith([]) },
  {
    name: 'platform API key',
    headers: key('platform'),
    expect: keyWith(['usage:write', 'entitlements:read', 'subscriptions:read']),
  },
  { name: 'revoked API key', headers: key('revoked'), expect: refusedUnlessPublic },
  { name: 'unknown API key', headers: async () => bearer('bsk_doesnotexist'), expect: refusedUnlessPublic },
  { name: 'expired token', headers: token({ orgId: ORG_A, expiresInSeconds: -60 }), expect: refusedUnlessPublic },
  {
    name: 'tampered token',
    headers: async () => bearer(tamper(await mintToken({ orgId: ORG_A }))),
    expect: refusedUnlessPublic,
  },
  {
    name: 'token from another key',
    headers: token({ orgId: ORG_A, privateKeyPem: OTHER_KEYS.privateKeyPem }),
    expect: refusedUnlessPublic,
  },
  {
    name: 'token for another app (azp)',
    headers: token({ orgId: ORG_A, azp: 'https://evil.test' }),
    expect: refusedUnlessPublic,
  },
  {
    name: 'malformed Authorization',
    headers: async () => ({ authorization: 'Basic abc' }),
    expect: refusedUnlessPublic,
  },
];

type ProcedureDef = { _def: { type: 'query' | 'mutation'; meta?: { apiKeyScope?: string } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

async function call(path: string, type: 'query' | 'mutation', headers: Record<string, string>) {
  const input = { organizationId: ORG_A };
  const response =
    type === 'query'
      ? await fetch(`${server.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(`${server.url}/api/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
  const body = (await response.json()) as { error?: { data: { code: string } } };
  return { status: response.status, code: body.error?.data.code ?? null };
}

describe('authorization matrix', () => {
  it('has a policy for every procedure of the router', () => {
    const missing = procedures.map(([path]) => path).filter((path) => !(path in POLICY));
    expect(missing, 'add the new procedures to POLICY').toEqual([]);
    const stale = Object.keys(POLICY).filter((path) => !procedures.some(([p]) => p === path));
    expect(stale, 'remove procedures that no longer exist').toEqual([]);
  });

  describe.each(CALLERS)('$name', (caller) => {
    it.each(procedures.map(([path, procedure]) => ({ path, procedure })))('$path', async ({ path, procedure }) => {
      const policy = POLICY[path]!;
      const expected = caller.expect(policy, procedure._def.meta?.apiKeyScope);
      const { status, code } = await call(path, procedure._def.type, await caller.headers());
      if (expected === 'allow') {
        expect([401, 403], `${caller.name} should pass ${path} (got ${code})`).not.toContain(status);
      } else {
        expect(code, `${caller.name} on ${path}`).toBe(expected);
      }
    });
  });
});
