import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pendingMigrations } from '@/db/migrate';
import { describeDatabase } from '@/db/open';
import { closeRuntime, createRuntime } from './runtime';

const dir = mkdtempSync(path.join(tmpdir(), 'billing-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the embedded default', () => {
  it('starts on PGlite with every migration applied and the sample catalog, and keeps it on restart', async () => {
    const env = { PGLITE_DIR: path.join(dir, 'pglite'), LOG_LEVEL: 'silent' };
    const first = await createRuntime(env);
    try {
      expect(first.config.modes.database).toBe('pglite');
      expect(await pendingMigrations(first.database)).toEqual([]);
      const rows = await first.database.query<{ name: string }>('select name from plans order by sort_order');
      expect(rows.map((r) => r.name)).toEqual(['starter', 'pro', 'enterprise']);
      // An admin's change must survive a restart: the catalog is seeded only into an empty database.
      await first.database.query(`update plans set display_name = 'Pro (renamed)' where name = 'pro'`);
    } finally {
      await closeRuntime(first);
    }
    const second = await createRuntime(env);
    try {
      const rows = await second.database.query<{ display_name: string }>(
        `select display_name from plans where name = 'pro'`,
      );
      expect(rows[0]?.display_name).toBe('Pro (renamed)');
      expect(second.draining).toBe(false);
    } finally {
      await closeRuntime(second);
    }
    expect(second.draining).toBe(true);
  }, 60_000);

  it('refuses to start with a bad variable', async () => {
    await expect(createRuntime({ PORT: 'x' })).rejects.toThrow(/PORT: must be a number/);
  });
});

describe('describeDatabase', () => {
  it('says where the data lives without credentials', () => {
    expect(
      describeDatabase({
        DATABASE_URL: 'postgres://billing:s3cret@db.internal:6543/billing',
        DATABASE_POOL_SIZE: 10,
        PGLITE_DIR: 'x',
      }),
    ).toBe('PostgreSQL at db.internal:6543/billing');
    expect(describeDatabase({ DATABASE_POOL_SIZE: 10, PGLITE_DIR: '.data/pglite' })).toBe('PGlite in .data/pglite');
  });
});
