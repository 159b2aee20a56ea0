import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatrixKeys, MATRIX_CALLERS, ORG_A, type MatrixKeys, type Outcome, type Who } from '@/test/auth-matrix';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
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
  'invoices.toSettle': 'member',
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

const RANK = { member: 0, billing: 1, admin: 2 } as const;

/** What a caller gets from a procedure of `policy` (every call names ORG_A as its organization). */
function expected(who: Who, policy: Policy, scope: string | undefined): Outcome {
  if (policy === 'public') return 'allow';
  switch (who.kind) {
    case 'anonymous':
    case 'refused':
      return 'UNAUTHORIZED';
    case 'no-org':
      return 'FORBIDDEN';
    case 'key':
      return scope && who.scopes.includes(scope) && policy !== 'platform' ? 'allow' : 'FORBIDDEN';
    case 'person':
      if (policy === 'platform') return who.org === 'platform' && who.rank === 2 ? 'allow' : 'FORBIDDEN';
      if (who.org !== 'own') return 'NOT_FOUND';
      return RANK[policy] <= who.rank ? 'allow' : 'FORBIDDEN';
  }
}

let database: TestDatabase;
let server: TestServer;
let keys: MatrixKeys;

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = testDeps(database.db);
  server = await serveFetchHandler((request) => handleTrpcRequest(request, deps));
  keys = await createMatrixKeys(database.db);
});
afterAll(async () => {
  await server.close();
  await database.destroy();
});

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

  describe.each(MATRIX_CALLERS)('$name', (caller) => {
    it.each(procedures.map(([path, procedure]) => ({ path, procedure })))('$path', async ({ path, procedure }) => {
      const policy = POLICY[path]!;
      const outcome = expected(caller.who, policy, procedure._def.meta?.apiKeyScope);
      const { status, code } = await call(path, procedure._def.type, await caller.headers(keys));
      if (outcome === 'allow') {
        expect([401, 403], `${caller.name} should pass ${path} (got ${code})`).not.toContain(status);
      } else {
        expect(code, `${caller.name} on ${path}`).toBe(outcome);
      }
    });
  });
});
