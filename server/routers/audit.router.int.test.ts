import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import type { UserPrincipal } from '../auth/principal';
import { createInnerContext, type ServiceDeps } from '../trpc/context';
import { createCaller } from './_app';

let database: TestDatabase;
let deps: ServiceDeps;

const ORG = 'org_audited';
beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database.db);
  // 25 rows in one statement share one created_at: pages must still neither skip nor repeat a row.
  await database.db.insert(auditLog).values(
    Array.from({ length: 25 }, (_, i) => ({
      organizationId: ORG,
      actorType: 'user' as const,
      actorId: 'user_a',
      action: i % 2 === 0 ? 'api_key.created' : 'subscription.changed',
      targetId: `t${i}`,
    })),
  );
  await database.query(`
    insert into audit_log (organization_id, actor_type, actor_id, action, target_id, created_at) values
      ('${ORG}', 'system', null, 'api_key.revoked', 'old', '2024-01-15T12:00:00Z'),
      ('${ORG}', 'system', null, 'api_keys_rotated', 'lookalike', '2024-01-16T12:00:00Z'),
      ('org_other', 'user', 'user_b', 'api_key.created', 'theirs', now())`);
});
afterAll(() => database.destroy());

const admin = (orgId = ORG, orgRole: UserPrincipal['orgRole'] = 'org:admin') =>
  createCaller(
    createInnerContext(deps, {
      requestId: 'req-audit',
      principal: { kind: 'user', userId: 'user_a', sessionId: 's', orgId, orgRole, orgSlug: null },
    }),
  );

describe('audit.list', () => {
  it('pages through the organization’s log newest first with a cursor, each row exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin().audit.list({ cursor, limit: 10 });
      seen.push(...page.entries.map((e) => e.targetId!));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(27);
    expect(new Set(seen).size).toBe(27);
    expect(seen.slice(-2)).toEqual(['lookalike', 'old']);
    expect(seen).not.toContain('theirs');
  });

  it('filters by action, exactly or by area, and by date range', async () => {
    const exact = await admin().audit.list({ action: 'api_key.created', limit: 100 });
    expect(exact.entries).toHaveLength(13);
    const area = await admin().audit.list({ action: 'api_key', limit: 100 });
    expect(area.entries.map((e) => e.action).sort()).toEqual([
      ...Array<string>(13).fill('api_key.created'),
      'api_key.revoked',
    ]);
    const january = await admin().audit.list({ from: '2024-01-01T00:00:00Z', to: '2024-01-16T00:00:00Z' });
    expect(january.entries.map((e) => e.targetId)).toEqual(['old']);
    expect(january.entries[0]).toMatchObject({
      actorType: 'system',
      actorId: null,
      createdAt: '2024-01-15T12:00:00.000Z',
    });
  });

  it('refuses a forged cursor and a range that ends before it starts', async () => {
    await expect(admin().audit.list({ cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      admin().audit.list({ from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('is for organization admins only', async () => {
    await expect(admin(ORG, 'org:billing').audit.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the audit_log table', () => {
  it.each([
    ['update', `update audit_log set action = 'tampered'`],
    ['delete', `delete from audit_log where organization_id = '${ORG}'`],
    ['truncate', 'truncate audit_log'],
  ])('refuses %s whoever asks, so entries can never be changed or removed', async (_, statement) => {
    await expect(database.query(statement)).rejects.toThrow(/audit_log is append-only/);
    const [row] = await database.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(row!.n).toBe(28);
  });
});
