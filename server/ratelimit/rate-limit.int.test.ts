import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import { TEST_REDIS_URL, uniqueKeyPrefix } from '@/test/redis';
import { bearer, mintToken } from '@/test/tokens';
import { createApiKey } from '../auth/api-keys';
import type { Principal } from '../auth/principal';
import { handleTrpcRequest } from '../trpc/http';
import { bucketForProcedure, rateLimitIdentity } from './identity';
import { createRateLimiter, type RateLimitBudgets } from './rate-limit';

let database: TestDatabase;
const clients: Redis[] = [];
const servers: TestServer[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  clients.forEach((c) => c.disconnect());
  await database.destroy();
});

async function redisClient(url = TEST_REDIS_URL): Promise<Redis> {
  const client = new Redis(url, { enableOfflineQueue: false, lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  clients.push(client);
  if (url === TEST_REDIS_URL) await client.connect();
  return client;
}

/** An app instance: its own Redis connection and limiter, as a separate process would have. */
async function instance(budgets: RateLimitBudgets, keyPrefix: string): Promise<TestServer> {
  const rateLimiter = createRateLimiter({ budgets, redis: await redisClient(), keyPrefix });
  const deps = testDeps(database.db, { rateLimiter });
  const server = await serveFetchHandler((request) => handleTrpcRequest(request, deps));
  servers.push(server);
  return server;
}

const get = (server: TestServer, path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/trpc/${path}`, { headers });
const post = (server: TestServer, path: string, headers: Record<string, string>, body: unknown = {}) =>
  fetch(`${server.url}/api/trpc/${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('rate limits over HTTP, shared through Redis', () => {
  it('two app instances share one budget; over it the caller gets 429, Retry-After and RATE_LIMITED', async () => {
    const prefix = uniqueKeyPrefix('shared');
    const budgets = { read: 3, write: 100, ingest: 100 };
    const [a, b] = [await instance(budgets, prefix), await instance(budgets, prefix)];
    const ip = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' };
    expect((await get(a, 'plans.list', ip)).status).toBe(200);
    expect((await get(b, 'plans.list', ip)).status).toBe(200);
    expect((await get(a, 'plans.list', ip)).status).toBe(200);
    const refused = await get(b, 'plans.list', ip);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as { error: { message: string; data: Record<string, unknown> } };
    expect(body.error.data).toMatchObject({ code: 'RATE_LIMITED', httpStatus: 429, trpcCode: 'TOO_MANY_REQUESTS' });
    expect(body.error.message).toMatch(/retry in \d+ s/);
    // Another address has its own budget.
    expect((await get(a, 'plans.list', { 'x-real-ip': '198.51.100.1' })).status).toBe(200);
  });

  it('keeps reads, writes and ingest apart, and counts users and API keys by themselves', async () => {
    const prefix = uniqueKeyPrefix('buckets');
    const server = await instance({ read: 1, write: 1, ingest: 2 }, prefix);
    const alice = bearer(await mintToken({ userId: 'user_alice', orgId: 'org_rl', role: 'org:admin' }));
    const bob = bearer(await mintToken({ userId: 'user_bob', orgId: 'org_rl', role: 'org:admin' }));
    expect((await get(server, 'apiKeys.list', alice)).status).toBe(200);
    expect((await get(server, 'apiKeys.list', alice)).status).toBe(429);
    // Alice's write budget is untouched by her reads; Bob has budgets of his own.
    expect((await post(server, 'apiKeys.create', alice, { name: 'k', scopes: ['usage:write'] })).status).toBe(200);
    expect((await get(server, 'apiKeys.list', bob)).status).toBe(200);
    const key = await createApiKey(database.db, {
      organizationId: 'org_rl',
      name: 'svc',
      scopes: ['usage:write'],
      isPlatform: false,
      actor: { type: 'system', id: null },
      requestId: 'setup',
    });
    // A batch of calls costs one point per call.
    const batch = await get(server, 'plans.list,plans.list?batch=1&input=%7B%7D', bearer(key.secret));
    expect(batch.status).toBe(429);
  });

  it('falls back to this instance’s memory when Redis is unreachable, instead of failing requests', async () => {
    const limiter = createRateLimiter({
      budgets: { read: 2, write: 1, ingest: 1 },
      redis: await redisClient('redis://127.0.0.1:1'),
      keyPrefix: uniqueKeyPrefix('down'),
    });
    const verdicts = [];
    for (let i = 0; i < 3; i++) verdicts.push(await limiter.consume({ bucket: 'read', identity: 'ip:x' }));
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, false]);
  });
});

describe('who and what a request counts against', () => {
  it('counts an API key, else a user, else the client address', () => {
    const headers = new Headers({ 'x-forwarded-for': '203.0.113.9' });
    const key: Principal = { kind: 'apiKey', keyId: 'k1', organizationId: 'o', isPlatform: false, scopes: [] };
    const person: Principal = {
      kind: 'user',
      userId: 'u1',
      sessionId: null,
      orgId: null,
      orgRole: null,
      orgSlug: null,
    };
    expect(rateLimitIdentity(key, headers)).toBe('key:k1');
    expect(rateLimitIdentity(person, headers)).toBe('user:u1');
    expect(rateLimitIdentity(null, headers)).toBe('ip:203.0.113.9');
    expect(rateLimitIdentity(null, new Headers())).toBe('ip:unknown');
  });

  it.each([
    ['usage.record', 'mutation', 'ingest'],
    ['entitlements.consume', 'mutation', 'ingest'],
    ['entitlements.check', 'query', 'read'],
    ['apiKeys.create', 'mutation', 'write'],
  ] as const)('a %s (%s) counts against the %s budget', (path, type, bucket) => {
    expect(bucketForProcedure(path, type)).toBe(bucket);
  });
});
