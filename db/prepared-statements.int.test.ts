import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { withDatabase } from '@/test/db-url';
import { openPostgres } from './client';
import { auditLog } from './schema';

// Prepared statements are a property of a PostgreSQL server connection: PGlite runs skip this file.
const pg = inject('pgTemplate');
const name = `${pg?.prefix ?? 'none'}_prep_${randomBytes(4).toString('hex')}`;
let admin: ReturnType<typeof postgres>;

beforeAll(async () => {
  if (!pg) return;
  admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${pg.template}"`);
});
afterAll(async () => {
  if (!pg) return;
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

/** One connection, so the session asked about its prepared statements is the one that ran the queries. */
const openOne = (prepare?: boolean) =>
  openPostgres({ url: withDatabase(pg!.adminUrl, name), poolSize: 1, ...(prepare === undefined ? {} : { prepare }) });

const preparedAuditQueries = async (handle: ReturnType<typeof openOne>) =>
  (
    await handle.query<{ n: number }>(
      `select count(*)::int as n from pg_prepared_statements where statement like '%"audit_log"%'`,
    )
  )[0]!.n;

describe.skipIf(!pg)('named prepared statements on PostgreSQL', () => {
  it('plans a parameterised drizzle query once per connection, inside transactions too', async () => {
    const handle = openOne();
    try {
      for (let i = 0; i < 3; i++)
        await handle.db
          .select()
          .from(auditLog)
          .where(eq(auditLog.organizationId, `org_${i}`))
          .limit(1);
      await handle.db.transaction(async (tx) => {
        await tx.insert(auditLog).values({ organizationId: 'org_p', actorType: 'system', action: 'x.prepared' });
      });
      // One statement per distinct text (the select and the insert), reused for every call.
      expect(await preparedAuditQueries(handle)).toBe(2);
      const [row] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'x.prepared'));
      expect(row?.organizationId).toBe('org_p');
      await handle.db.execute(sql`select ${1}::int as one`);
    } finally {
      await handle.close();
    }
  });

  it('prepares nothing when DATABASE_PREPARE is off (PgBouncer in transaction mode)', async () => {
    const handle = openOne(false);
    try {
      await handle.db.select().from(auditLog).where(eq(auditLog.organizationId, 'org_x')).limit(1);
      expect(await preparedAuditQueries(handle)).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('re-prepares by itself when a migration changes a table under a prepared statement', async () => {
    const handle = openOne();
    try {
      await handle.db.execute(sql`create table prep_probe (id int primary key)`);
      const read = () => handle.db.execute(sql`select * from prep_probe where id > ${0}`);
      await read();
      await handle.db.execute(sql`alter table prep_probe add column note text`);
      await expect(read()).resolves.toBeDefined();
    } finally {
      await handle.close();
    }
  });
});
