import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { instrumentPglite, instrumentPostgres, type QueryObserver } from './instrument';
import { prepareParameterisedStatements } from './prepared-statements';
import * as schema from './schema';

export { schema };
export type Schema = typeof schema;

/** The one database type the code sees, whichever driver runs underneath (transactions included). */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Runs a raw statement; used for readiness checks and tooling. */
  query<T = Record<string, unknown>>(sqlText: string): Promise<T[]>;
  close(): Promise<void>;
}

export interface PostgresOptions {
  url: string;
  poolSize?: number;
  /** Parameterised statements as named prepared statements, planned once per connection (default true). */
  prepare?: boolean;
  /** postgres.js prints NOTICEs by default; keep the logs for our own lines. */
  onnotice?: (notice: unknown) => void;
  /** Told of every statement's kind, outcome and duration (the metrics' database histogram). */
  onQuery?: QueryObserver;
}

/** postgres.js over a real PostgreSQL server (production, CI). */
export function openPostgres({
  url,
  poolSize = 10,
  prepare = true,
  onnotice = () => {},
  onQuery,
}: PostgresOptions): DatabaseHandle {
  const pool = postgres(url, { max: poolSize, onnotice, idle_timeout: 30, connect_timeout: 10, prepare });
  const raw = prepare ? prepareParameterisedStatements(pool) : pool;
  const client = onQuery ? instrumentPostgres(raw, onQuery) : raw;
  const db = drizzlePostgres({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    query: async <T>(sqlText: string) => (await client.unsafe(sqlText)) as unknown as T[],
    close: () => client.end({ timeout: 5 }),
  };
}

/** PGlite: PostgreSQL in-process, on disk at `dir`, or in memory when `dir` is undefined. */
export async function openPglite(
  dir?: string,
  loadDataDir?: Blob,
  options: { onQuery?: QueryObserver } = {},
): Promise<DatabaseHandle> {
  const raw = new PGlite({ dataDir: dir, ...(loadDataDir ? { loadDataDir } : {}) });
  await raw.waitReady;
  const client = options.onQuery ? instrumentPglite(raw, options.onQuery) : raw;
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    query: async <T>(sqlText: string) => (await client.query(sqlText)).rows as T[],
    close: () => client.close(),
  };
}

/** The raw PGlite instance behind a handle, for dumping a migrated template in tests. */
export function pgliteClientOf(handle: DatabaseHandle): PGlite {
  const session = (handle.db as unknown as { $client: PGlite }).$client;
  return session;
}
