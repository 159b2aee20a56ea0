import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle } from '../db/client';
import type { QueryObserver } from '../db/instrument';
import { withDatabase } from './db-url';

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and drops the database. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a clone of the run's template on PostgreSQL when
 * TEST_DATABASE_URL is set, a PGlite instance loaded from the migrated dump otherwise.
 */
export async function createTestDatabase(options: { onQuery?: QueryObserver } = {}): Promise<TestDatabase> {
  const pg = inject('pgTemplate');
  if (pg) {
    const name = `${pg.prefix}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${pg.template}"`);
    const handle = openPostgres({ url: withDatabase(pg.adminUrl, name), poolSize: 8, onQuery: options.onQuery });
    return {
      ...handle,
      destroy: async () => {
        await handle.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const dump = inject('pgliteDump');
  if (!dump) throw new Error('test/global-setup did not prepare a database');
  const handle = await openPglite(undefined, new Blob([readFileSync(dump)]), options);
  return { ...handle, destroy: () => handle.close() };
}
