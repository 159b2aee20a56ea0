import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DatabaseHandle } from './client';

/** Where drizzle-kit writes migrations; `MIGRATIONS_DIR` overrides it for packaged builds. */
export const migrationsFolder = () => process.env.MIGRATIONS_DIR ?? path.join(process.cwd(), 'drizzle');

/** Applies every pending migration; the same SQL files serve PostgreSQL and PGlite. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const options = { migrationsFolder: migrationsFolder() };
  if (handle.kind === 'pglite') await migratePglite(handle.db as unknown as PgliteDatabase, options);
  else await migratePostgres(handle.db as unknown as PostgresJsDatabase, options);
}

interface JournalEntry {
  tag: string;
  when: number;
}

/** Migrations in `drizzle/` not yet applied to this database (by drizzle's own bookkeeping). */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), 'meta/_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  let lastApplied = 0;
  try {
    const rows = await handle.query<{ created_at: string | number }>(
      'select max(created_at) as created_at from drizzle.__drizzle_migrations',
    );
    lastApplied = Number(rows[0]?.created_at ?? 0);
  } catch {
    // No bookkeeping table yet: nothing has been applied.
  }
  return journal.entries.filter((e) => e.when > lastApplied).map((e) => e.tag);
}
