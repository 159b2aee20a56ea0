import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { captureLogger, paymentsUnavailable, testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import { TEST_REDIS_URL } from '@/test/redis';
import { closeRedis, openRedis } from '../redis';
import type { Runtime } from '../runtime';
import { checkReadiness } from './readiness';

let database: TestDatabase;
/** Stands in for Stripe's HTTP endpoint: readiness only needs an answer. */
let stripe: TestServer;
let redis: Redis;
beforeAll(async () => {
  database = await createTestDatabase();
  stripe = await serveFetchHandler(async () => new Response('{}', { status: 404 }));
  redis = openRedis(TEST_REDIS_URL, captureLogger('silent').logger);
  await new Promise((resolve) => redis.once('ready', resolve));
});
afterAll(async () => {
  await closeRedis(redis);
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
  stopReconciliation: () => {},
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
    const { logger, lines } = captureLogger('warn');
    const unreachable = openRedis('redis://127.0.0.1:1', logger);
    try {
      const readiness = await checkReadiness(
        runtimeOver({ paymentsRuntime: paymentsAt('http://127.0.0.1:1'), redis: unreachable }),
      );
      expect(readiness.ready).toBe(true);
      expect(states(readiness).slice(2)).toEqual([
        ['stripe', 'down', false],
        ['redis', 'down', false],
      ]);
      // One warning for the outage, not one per reconnect attempt.
      const warnings = () => lines().filter((l) => l.msg === 'redis unreachable; rate limits fall back to memory');
      await expect.poll(() => warnings().length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(warnings()).toHaveLength(1);
    } finally {
      await closeRedis(unreachable);
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
