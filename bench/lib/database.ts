import postgres from 'postgres';
import { openPostgres } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedSampleCatalog } from '../../db/seed/seed-catalog';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A fresh, migrated and seeded PostgreSQL database for one benchmark run; dropped by `drop()`. */
export async function createBenchDatabase(prefix: string) {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = withDatabase(ADMIN_URL, name);
  const handle = openPostgres({ url, poolSize: 10 });
  await migrateDatabase(handle);
  await seedSampleCatalog(handle.db);
  return {
    url,
    handle,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
