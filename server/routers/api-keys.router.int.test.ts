import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { TEST_PLATFORM_ORG_ID, testDeps } from '@/test/deps';
import { authenticateApiKey } from '../auth/api-keys';
import type { UserPrincipal } from '../auth/principal';
import { createInnerContext, type ServiceDeps } from '../trpc/context';
import { createCaller } from './_app';

let database: TestDatabase;
let deps: ServiceDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database.db);
});
afterAll(() => database.destroy());

const user = (orgId: string, orgRole: UserPrincipal['orgRole'] = 'org:admin'): UserPrincipal => ({
  kind: 'user',
  userId: `user_${orgId}`,
  sessionId: 'sess',
  orgId,
  orgRole,
  orgSlug: null,
});
const as = (principal: UserPrincipal) => createCaller(createInnerContext(deps, { requestId: 'req-test', principal }));

describe('apiKeys', () => {
  it('returns the secret once, stores only its SHA-256 hash, and lists the prefix', async () => {
    const created = await as(user('org_keys')).apiKeys.create({ name: 'ingest', scopes: ['usage:write'] });
    expect(created.secret).toMatch(/^bsk_[\w-]{43}$/);
    expect(created.secret.startsWith(created.prefix)).toBe(true);
    const [row] = await database.query<{ key_hash: string }>(
      `select key_hash from api_keys where id = '${created.id}'`,
    );
    expect(row?.key_hash).toBe(createHash('sha256').update(created.secret).digest('hex'));
    const stored = JSON.stringify(await database.query('select * from api_keys'));
    expect(stored).not.toContain(created.secret);
    const listed = await as(user('org_keys')).apiKeys.list();
    expect(listed).toEqual([
      expect.objectContaining({ id: created.id, prefix: created.prefix, scopes: ['usage:write'] }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  it('authenticates a live key, refuses it once revoked, and writes audit rows for both changes', async () => {
    const created = await as(user('org_revoke')).apiKeys.create({ name: 'svc', scopes: ['entitlements:read'] });
    const live = await authenticateApiKey(database.db, created.secret, new Date());
    expect(live).toMatchObject({
      ok: true,
      principal: { organizationId: 'org_revoke', scopes: ['entitlements:read'] },
    });
    const revoked = await as(user('org_revoke')).apiKeys.revoke({ id: created.id });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await authenticateApiKey(database.db, created.secret, new Date())).toEqual({
      ok: false,
      reason: 'API key has been revoked',
    });
    const audit = await database.query<{ action: string; actor_id: string; request_id: string }>(
      `select action, actor_id, request_id from audit_log where organization_id = 'org_revoke' order by created_at`,
    );
    expect(audit).toEqual([
      { action: 'api_key.created', actor_id: 'user_org_revoke', request_id: 'req-test' },
      { action: 'api_key.revoked', actor_id: 'user_org_revoke', request_id: 'req-test' },
    ]);
  });

  it('cannot list or revoke another organization’s keys', async () => {
    const theirs = await as(user('org_owner')).apiKeys.create({ name: 'theirs', scopes: ['usage:write'] });
    expect(await as(user('org_intruder')).apiKeys.list()).toEqual([]);
    await expect(as(user('org_intruder')).apiKeys.revoke({ id: theirs.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await authenticateApiKey(database.db, theirs.secret, new Date())).ok).toBe(true);
  });

  it('lets only platform admins create platform keys', async () => {
    await expect(
      as(user('org_plain')).apiKeys.create({ name: 'p', scopes: ['usage:write'], platform: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const platform = await as(user(TEST_PLATFORM_ORG_ID)).apiKeys.create({
      name: 'p',
      scopes: ['usage:write'],
      platform: true,
    });
    expect(platform.platform).toBe(true);
  });

  it('records last use at most once a minute', async () => {
    const created = await as(user('org_touch')).apiKeys.create({ name: 't', scopes: ['usage:write'] });
    const lastUsed = async () =>
      (
        await database.query<{ last_used_at: Date | string | null }>(
          `select last_used_at from api_keys where id = '${created.id}'`,
        )
      )[0]?.last_used_at;
    const t0 = new Date('2030-01-01T00:00:00Z');
    await authenticateApiKey(database.db, created.secret, t0);
    await expect.poll(lastUsed).not.toBeNull();
    await authenticateApiKey(database.db, created.secret, new Date(t0.getTime() + 30_000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(new Date((await lastUsed())!).toISOString()).toBe(t0.toISOString());
    await authenticateApiKey(database.db, created.secret, new Date(t0.getTime() + 61_000));
    await expect.poll(async () => new Date((await lastUsed())!).toISOString()).toBe('2030-01-01T00:01:01.000Z');
  });

  it('rejects bad input with field errors', async () => {
    await expect(as(user('org_bad')).apiKeys.create({ name: ' ', scopes: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(as(user('org_bad')).apiKeys.create({ name: 'x', scopes: ['root' as never] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('refuses billing and member roles', async () => {
    await expect(as(user('org_roles', 'org:billing')).apiKeys.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      as(user('org_roles', 'org:member')).apiKeys.create({ name: 'x', scopes: ['usage:write'] }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
