import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptions } from '@/db/schema';
import { PRO_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import { bearer, mintToken } from '@/test/tokens';
import { createApiKey } from '../auth/api-keys';
import { handleTrpcRequest } from '../trpc/http';
import { startFastPath, type FastPath } from './fast-path';

let database: TestDatabase;
let fast: FastPath;
let secret: string;
let deps: ReturnType<typeof testDeps>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  await database.db.insert(subscriptions).values({
    organizationId: 'org_fast',
    planId: PRO_PLAN_ID,
    billingCycle: 'monthly',
    status: 'active',
    currentPeriodStart: new Date(Date.now() - 86_400_000),
    currentPeriodEnd: new Date(Date.now() + 29 * 86_400_000),
    stripeSubscriptionId: 'sub_fast',
  });
  secret = (
    await createApiKey(database.db, {
      organizationId: 'org_fast',
      name: 'svc',
      scopes: ['entitlements:read', 'usage:write'],
      isPlatform: false,
      actor: { type: 'system', id: null },
      requestId: 't',
    })
  ).secret;
  deps = testDeps(database.db);
  fast = await startFastPath(deps, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await fast.close();
  await database.destroy();
});

const check = (headers: Record<string, string>) =>
  fetch(`${fast.url}/api/trpc/entitlements.check?input=${encodeURIComponent(JSON.stringify({ key: 'websites' }))}`, {
    headers,
  });

describe('the fast path', () => {
  it('serves the same procedures with the same auth as /api/trpc on Next', async () => {
    const ok = await check(bearer(secret));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { result: { data: unknown } }).result.data).toMatchObject({
      allowed: true,
      key: 'websites',
      limit: 5,
    });
    expect((await check({})).status).toBe(401);
    const member = await check(bearer(await mintToken({ orgId: 'org_fast', role: 'org:member' })));
    expect(member.status).toBe(200);
  });

  it('records usage through a POST, and refuses oversized bodies and other paths', async () => {
    const record = await fetch(`${fast.url}/api/trpc/usage.record`, {
      method: 'POST',
      headers: { ...bearer(secret), 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ metric: 'api_requests_per_month', quantity: 3, idempotencyKey: 'k' }] }),
    });
    expect(((await record.json()) as { result: { data: { accepted: number } } }).result.data.accepted).toBe(1);
    const huge = await fetch(`${fast.url}/api/trpc/usage.record`, {
      method: 'POST',
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(huge.status).toBe(413);
    expect((await fetch(`${fast.url}/billing`)).status).toBe(404);
  });

  it('answers hot procedures exactly as the full tRPC handler does, errors included', async () => {
    const viaHandler = async (path: string, init: RequestInit = {}) => {
      const response = await handleTrpcRequest(new Request(`http://app${path}`, init), deps);
      return { status: response.status, body: await response.json() };
    };
    const viaFast = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${fast.url}${path}`, init);
      return { status: response.status, body: await response.json() };
    };
    const q = (input: unknown) => `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const member = bearer(await mintToken({ orgId: 'org_fast', role: 'org:member' }));
    const cases: Array<[string, RequestInit]> = [
      [`/api/trpc/entitlements.check${q({ key: 'websites', quantity: 9 })}`, { headers: bearer(secret) }],
      [`/api/trpc/entitlements.check${q({ key: 'websites' })}`, {}],
      [`/api/trpc/entitlements.check${q({ quantity: 'x' })}`, { headers: bearer(secret) }],
      [`/api/trpc/entitlements.check?input=%7Bbroken`, { headers: bearer(secret) }],
      [`/api/trpc/subscriptions.current`, { headers: bearer(secret) }],
      [`/api/trpc/subscriptions.current${q({ organizationId: 'org_other' })}`, { headers: member }],
      [
        '/api/trpc/entitlements.consume',
        {
          method: 'POST',
          headers: { ...member, 'content-type': 'application/json' },
          body: JSON.stringify({ metric: 'websites', quantity: 1, idempotencyKey: 'x' }),
        },
      ],
    ];
    for (const [path, init] of cases) {
      const [full, direct] = [await viaHandler(path, init), await viaFast(path, init)];
      expect({ path, ...direct }).toEqual({ path, ...full });
    }
  });
});
