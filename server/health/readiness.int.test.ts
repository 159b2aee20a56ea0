import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { paymentsUnavailable, testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import { TEST_REDIS_URL } from '@/test/redis';
import type { Runtime } from '../runtime';
import { checkReadiness } from './readiness';

let database: TestDatabase;
/** Stands in for Stripe's HTTP endpoint: readiness only needs an answer. */
let stripe: TestServer;
let redis: Redis;
beforeAll(async () => {
  database = await createTestDatabase();
  stripe = await serveFetchHandler(async () => new Response('{}', { status: 404 }));
  redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  await redis.connect();
});
afterAll(async () => {
  redis.disconnect();
  await stripe.close();
  await database.destroy();
});

const paymentsAt = (url: string): Runtime['paymentsRuntime'] => ({
  stripe: null as never,
  gateway: paymentsUnavailable,
  webhookSecrets: [],
  simulator: { url } as never,
  close: async () => {},
});

const runtimeOver = (overrides: Partial<Runtime> = {}): Runtime => ({
  ...testDeps(database.db),
  database,
  paymentsRuntime: paymentsAt(stripe.url),
  redis: null,
  startedAt: new Date(),
  version: 'test',
  draining: false,
  ...overrides,
});

const states = (readiness: Awaited<ReturnType<typeof checkReadiness>>) =>
  readiness.dependencies.map((d) => [d.name, d.status, d.required]);

describe('checkReadiness', () => {
  it('is ready when the database answers, every migration is applied and Stripe answers', async () => {
    const readiness = await checkReadiness(runtimeOver());
    expect(readiness).toMatchObject({ ready: true, status: 'ready' });
    expect(states(readiness)).toEqual([
      ['database', 'up', true],
      ['migrations', 'up', true],
      ['stripe', 'up', false],
    ]);
    expect(readiness.dependencies[2]!.detail).toBe('simulator');
  });

  it('is not ready when the database fails, and says why without leaking its address', async () => {
    const broken = {
      ...database,
      query: () => Promise.reject(new Error('connect ECONNREFUSED postgres://user:pw@db:5432/x')),
    };
    const readiness = await checkReadiness(runtimeOver({ database: broken }));
    expect(readiness.ready).toBe(false);
    expect(readiness.status).toBe('not_ready');
    const db = readiness.dependencies.find((d) => d.name === 'database')!;
    expect(db.status).toBe('down');
    expect(db.detail).toContain('ECONNREFUSED');
    expect(db.detail).not.toContain('pw@');
  });

  it('reports Stripe and Redis when they are down, but stays ready: neither is worth a full outage', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false });
    unreachable.on('error', () => {});
    try {
      const readiness = await checkReadiness(
        runtimeOver({ paymentsRuntime: paymentsAt('http://127.0.0.1:1'), redis: unreachable }),
      );
      expect(readiness.ready).toBe(true);
      expect(states(readiness).slice(2)).toEqual([
        ['stripe', 'down', false],
        ['redis', 'down', false],
      ]);
    } finally {
      unreachable.disconnect();
    }
  });

  it('checks Redis only when it is configured', async () => {
    const readiness = await checkReadiness(runtimeOver({ redis }));
    expect(readiness.dependencies.find((d) => d.name === 'redis')).toMatchObject({ status: 'up', required: false });
  });

  it('reports draining once shutdown has begun', async () => {
    expect(await checkReadiness(runtimeOver({ draining: true }))).toMatchObject({ ready: false, status: 'draining' });
  });
});
