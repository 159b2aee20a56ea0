import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import type { Runtime } from '../runtime';
import { checkReadiness } from './readiness';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

const runtimeOver = (overrides: Partial<Runtime> = {}): Runtime => ({
  ...testDeps(database.db),
  database,
  startedAt: new Date(),
  version: 'test',
  draining: false,
  ...overrides,
});

describe('checkReadiness', () => {
  it('is ready when the database answers and every migration is applied', async () => {
    const readiness = await checkReadiness(runtimeOver());
    expect(readiness).toMatchObject({ ready: true, status: 'ready' });
    expect(readiness.dependencies.map((d) => [d.name, d.status])).toEqual([
      ['database', 'up'],
      ['migrations', 'up'],
    ]);
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

  it('reports draining once shutdown has begun', async () => {
    expect(await checkReadiness(runtimeOver({ draining: true }))).toMatchObject({ ready: false, status: 'draining' });
  });
});
