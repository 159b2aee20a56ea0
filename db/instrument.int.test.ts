import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { statementKind } from './instrument';
import { auditLog } from './schema';

const seen: Array<{ operation: string; ok: boolean; seconds: number }> = [];
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ onQuery: (operation, ok, seconds) => seen.push({ operation, ok, seconds }) });
});
afterAll(() => database.destroy());

describe('database statement timing (PostgreSQL or PGlite, whichever the run uses)', () => {
  it('observes queries, inserts inside transactions, and failures, with their durations', async () => {
    seen.length = 0;
    await database.db.select().from(auditLog).limit(1);
    await database.db.transaction(async (tx) => {
      await tx.insert(auditLog).values({ organizationId: 'org_i', actorType: 'system', action: 'x.y' });
      await tx.transaction(async (nested) => {
        await nested.execute(sql`select 1`);
      });
    });
    await expect(database.db.execute(sql`select * from no_such_table`)).rejects.toThrow();
    const kinds = seen.map((s) => `${s.operation}:${s.ok}`);
    expect(kinds).toEqual(expect.arrayContaining(['select:true', 'insert:true', 'select:false']));
    expect(kinds.filter((k) => k === 'select:true').length).toBeGreaterThanOrEqual(2);
    expect(seen.every((s) => s.seconds >= 0 && s.seconds < 30)).toBe(true);
  });

  it('keeps the operation label bounded whatever the SQL', () => {
    expect(statementKind('  SELECT 1')).toBe('select');
    expect(statementKind('with x as (select 1) select * from x')).toBe('with');
    expect(statementKind('vacuum')).toBe('other');
    expect(statementKind('')).toBe('other');
  });
});
