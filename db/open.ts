import { mkdirSync } from 'node:fs';
import { openPglite, openPostgres, type DatabaseHandle } from './client';
import type { QueryObserver } from './instrument';

export interface DatabaseSettings {
  DATABASE_URL?: string;
  DATABASE_POOL_SIZE: number;
  /** Named prepared statements (default on); off behind PgBouncer in transaction mode. */
  DATABASE_PREPARE?: boolean;
  PGLITE_DIR: string;
}

/** PostgreSQL when DATABASE_URL is set, PGlite on disk otherwise: the one place that decides. */
export async function openConfiguredDatabase(
  settings: DatabaseSettings,
  onQuery?: QueryObserver,
): Promise<DatabaseHandle> {
  if (settings.DATABASE_URL) {
    return openPostgres({
      url: settings.DATABASE_URL,
      poolSize: settings.DATABASE_POOL_SIZE,
      prepare: settings.DATABASE_PREPARE ?? true,
      onQuery,
    });
  }
  mkdirSync(settings.PGLITE_DIR, { recursive: true });
  return openPglite(settings.PGLITE_DIR, undefined, { onQuery });
}

/** Where the database lives, without credentials, for logs and tooling. */
export function describeDatabase(settings: DatabaseSettings): string {
  if (!settings.DATABASE_URL) return `PGlite in ${settings.PGLITE_DIR}`;
  const url = new URL(settings.DATABASE_URL);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
