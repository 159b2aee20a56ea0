import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { createMatrixKeys, MATRIX_CALLERS, ORG_A, type MatrixKeys, type Outcome, type Who } from '@/test/auth-matrix';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import { handleRestRequest, routeKey } from './handler';
import type { AnyRestRoute } from './route';
import { REST_ROUTES } from './route-table';

/**
 * Every REST route of the table × every kind of caller (the same as the tRPC matrix): allowed, or refused
 * with the exact envelope code. Expectations come from each route's declared access and API key scope, so
 * the table's claims (and the OpenAPI document built from them) are what is proven here.
 */
const SOME_ID = '0b5e4a8e-3a4c-4c1e-9f4e-2d7c1f0a9b11';
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

const RANK = { member: 0, billing: 1 } as const;

/** What a caller gets from a route (`namesOrg`: the request names ORG_A; otherwise it acts for the caller's org). */
function expected(who: Who, access: Access, scope: string | undefined, namesOrg: boolean): Outcome {
  if (access === 'public') return 'allow';
  switch (who.kind) {
    case 'anonymous':
    case 'refused':
      return 'UNAUTHORIZED';
    case 'no-org':
      return 'FORBIDDEN';
    case 'key':
      return scope && who.scopes.includes(scope) ? 'allow' : 'FORBIDDEN';
    case 'person':
      if (who.org !== 'own' && namesOrg) return 'NOT_FOUND';
      return RANK[access] <= who.rank ? 'allow' : 'FORBIDDEN';
  }
}

let database: TestDatabase;
let server: TestServer;
let keys: MatrixKeys;

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = testDeps(database.db);
  server = await serveFetchHandler((request) => handleRestRequest(request, deps));
  keys = await createMatrixKeys(database.db);
});
afterAll(async () => {
  await server.close();
  await database.destroy();
});

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

  describe.each(MATRIX_CALLERS)('$name', (caller) => {
    it.each(routes)('$key', async ({ route }) => {
      const sample = SAMPLE[routeKey(route)]!;
      const namesOrg = JSON.stringify(sample).includes(ORG_A);
      const outcome = expected(caller.who, route.access, route.apiKeyScope, namesOrg);
      const { status, code } = await call(route, await caller.headers(keys));
      if (outcome === 'allow') {
        expect([401, 403], `${caller.name} should pass ${routeKey(route)} (got ${code})`).not.toContain(status);
      } else {
        expect(code, `${caller.name} on ${routeKey(route)}`).toBe(outcome);
      }
    });
  });
});
