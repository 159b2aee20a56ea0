import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { TEST_PLATFORM_ORG_ID, testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import { bearer, mintToken, OTHER_KEYS, tamper } from '@/test/tokens';
import { createApiKey, revokeApiKey } from '../auth/api-keys';
import { handleRestRequest, routeKey } from './handler';
import type { AnyRestRoute } from './route';
import { REST_ROUTES } from './route-table';

/**
 * Every REST route of the table × every kind of caller (the same as the tRPC matrix): allowed, or refused
 * with the exact envelope code. Expectations come from each route's declared access and API key scope, so
 * the table's claims (and the OpenAPI document built from them) are what is proven here.
 */
const ORG_A = 'org_alpha';
const ORG_B = 'org_beta';
const SOME_ID = '0b5e4a8e-3a4c-4c1e-9f4e-2d7c1f0a9b11';
type Outcome = 'allow' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
type Access = AnyRestRoute['access'];

/** A well-formed request for each route, naming ORG_A wherever the route takes an organization. */
const SAMPLE: Record<string, { path: string; body?: unknown }> = {
  'GET /api/plans': { path: '/api/plans' },
  'GET /api/plans/{id}': { path: `/api/plans/${STARTER_PLAN_ID}` },
  'GET /api/plans/{id}/features': { path: `/api/plans/${STARTER_PLAN_ID}/features` },
  'GET /api/plans/{id}/limits': { path: `/api/plans/${STARTER_PLAN_ID}/limits` },
  'GET /api/subscriptions/{id}': { path: `/api/subscriptions/${ORG_A}` },
  'POST /api/subscriptions': {
    path: '/api/subscriptions',
    body: { organization_id: ORG_A, plan_id: STARTER_PLAN_ID, billing_cycle: 'monthly' },
  },
  'PUT /api/subscriptions/{id}': { path: `/api/subscriptions/${SOME_ID}`, body: { billing_cycle: 'yearly' } },
  'DELETE /api/subscriptions/{id}': { path: `/api/subscriptions/${SOME_ID}` },
  'GET /api/invoices': { path: `/api/invoices?organization_id=${ORG_A}` },
  'GET /api/invoices/{id}': { path: `/api/invoices/${SOME_ID}?organization_id=${ORG_A}` },
  'GET /api/payment-methods': { path: `/api/payment-methods?organization_id=${ORG_A}` },
  'POST /api/payment-methods': {
    path: '/api/payment-methods',
    body: { organization_id: ORG_A, payment_method_id: 'pm_card_visa' },
  },
  'DELETE /api/payment-methods/{id}': { path: `/api/payment-methods/${SOME_ID}?organization_id=${ORG_A}` },
  'POST /api/payment-methods/{id}/default': {
    path: `/api/payment-methods/${SOME_ID}/default`,
    body: { organization_id: ORG_A },
  },
  'POST /api/usage': {
    path: '/api/usage',
    body: { organization_id: ORG_A, events: [{ metric: 'websites', quantity: 1, idempotency_key: 'm-1' }] },
  },
  'GET /api/usage/{organizationId}': { path: `/api/usage/${ORG_A}` },
};

interface Caller {
  name: string;
  headers: () => Promise<Record<string, string>>;
  /** `namesOrg`: the request names ORG_A; otherwise a route acts for the caller's own organization. */
  expect: (access: Access, scope: string | undefined, namesOrg: boolean) => Outcome;
}

const RANK = { member: 0, billing: 1 } as const;
const person =
  (rank: number) =>
  (access: Access): Outcome =>
    access === 'public' || RANK[access] <= rank ? 'allow' : 'FORBIDDEN';
const refusedUnlessPublic = (access: Access): Outcome => (access === 'public' ? 'allow' : 'UNAUTHORIZED');
const keyWith =
  (scopes: string[]) =>
  (access: Access, scope: string | undefined): Outcome =>
    access === 'public' || (scope && scopes.includes(scope)) ? 'allow' : 'FORBIDDEN';
/** Someone of another organization: ORG_A's data reads as not found; their own org is theirs by their role. */
const outsider =
  (rank: number) =>
  (access: Access, _scope: string | undefined, namesOrg: boolean): Outcome =>
    access === 'public' ? 'allow' : namesOrg ? 'NOT_FOUND' : person(rank)(access);
const ALL_SCOPES = ['usage:write', 'entitlements:read', 'subscriptions:read'];

let database: TestDatabase;
let server: TestServer;
const keys: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = testDeps(database.db);
  server = await serveFetchHandler((request) => handleRestRequest(request, deps));
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
  await make('scoped', ORG_A, ALL_SCOPES);
  await make('unscoped', ORG_A, []);
  await make('platform', TEST_PLATFORM_ORG_ID, ALL_SCOPES, true);
  const revoked = await make('revoked', ORG_A, ALL_SCOPES);
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
    expect: (access) => (access === 'public' ? 'allow' : 'FORBIDDEN'),
  },
  { name: 'admin of another org', headers: token({ orgId: ORG_B, role: 'org:admin' }), expect: outsider(2) },
  {
    name: 'platform admin',
    headers: token({ orgId: TEST_PLATFORM_ORG_ID, role: 'org:admin' }),
    expect: outsider(2),
  },
  {
    name: 'platform org member',
    headers: token({ orgId: TEST_PLATFORM_ORG_ID, role: 'org:member' }),
    expect: outsider(0),
  },
  { name: 'API key with the scopes', headers: key('scoped'), expect: keyWith(ALL_SCOPES) },
  { name: 'API key without the scope', headers: key('unscoped'), expect: keyWith([]) },
  { name: 'platform API key', headers: key('platform'), expect: keyWith(ALL_SCOPES) },
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

async function call(route: AnyRestRoute, headers: Record<string, string>) {
  const sample = SAMPLE[routeKey(route)]!;
  const response = await fetch(`${server.url}${sample.path}`, {
    method: route.method,
    headers: { ...headers, ...(sample.body ? { 'content-type': 'application/json' } : {}) },
    body: sample.body ? JSON.stringify(sample.body) : undefined,
  });
  const body = (await response.json()) as { status: string; code?: string };
  return { status: response.status, code: body.code ?? null };
}

const routes = REST_ROUTES.map((route) => ({ key: routeKey(route), route }));

describe('REST authorization matrix', () => {
  it('has a sample request for every route of the table', () => {
    expect(routes.map((r) => r.key).filter((k) => !(k in SAMPLE))).toEqual([]);
    expect(Object.keys(SAMPLE).filter((k) => !routes.some((r) => r.key === k))).toEqual([]);
  });

  describe.each(CALLERS)('$name', (caller) => {
    it.each(routes)('$key', async ({ route }) => {
      const sample = SAMPLE[routeKey(route)]!;
      const namesOrg = JSON.stringify(sample).includes(ORG_A);
      const expected = caller.expect(route.access, route.apiKeyScope, namesOrg);
      const { status, code } = await call(route, await caller.headers());
      if (expected === 'allow') {
        expect([401, 403], `${caller.name} should pass ${routeKey(route)} (got ${code})`).not.toContain(status);
      } else {
        expect(code, `${caller.name} on ${routeKey(route)}`).toBe(expected);
      }
    });
  });
});
