import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import type { UserPrincipal } from '../auth/principal';
import { getBillingContact, reencryptBillingContacts } from '../billing/billing-contact.service';
import { loadConfig } from '../config/config';
import { parseKeyRing } from '../security/encryption';
import { createInnerContext, type ServiceDeps } from '../trpc/context';
import { createCaller } from './_app';

const OLD_KEY = `k2025:${randomBytes(32).toString('base64')}`;
const NEW_KEY = `k2026:${randomBytes(32).toString('base64')}`;

let database: TestDatabase;
let deps: ServiceDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database.db, {
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_ENCRYPTION_KEY: OLD_KEY }),
  });
});
afterAll(() => database.destroy());

const user = (orgId: string, orgRole: UserPrincipal['orgRole'] = 'org:billing'): UserPrincipal => ({
  kind: 'user',
  userId: `user_${orgId}`,
  sessionId: 'sess',
  orgId,
  orgRole,
  orgSlug: null,
});
const as = (principal: UserPrincipal, over: Partial<ServiceDeps> = {}) =>
  createCaller(createInnerContext({ ...deps, ...over }, { requestId: 'req-contact', principal }));

const ADDRESS = { line1: '1 Rue de la Paix', city: 'Paris', postalCode: '75002', country: 'fr' };

describe('billingContact', () => {
  it('reads empty before anything is set, then stores the contact encrypted with its key id', async () => {
    expect(await as(user('org_enc')).billingContact.get()).toEqual({
      email: null,
      name: null,
      address: null,
      taxId: null,
    });
    const saved = await as(user('org_enc')).billingContact.update({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      address: ADDRESS,
      taxId: 'FR12345678901',
    });
    expect(saved.address).toEqual({ ...ADDRESS, country: 'FR', line2: null, state: null });
    expect(await as(user('org_enc')).billingContact.get()).toEqual(saved);

    const [row] = await database.query<Record<string, string | null>>(
      `select * from billing_customers where organization_id = 'org_enc'`,
    );
    expect(row!.contact_key_id).toBe('k2025');
    const stored = JSON.stringify(row);
    for (const plain of ['ada@example.com', 'Ada Lovelace', 'Rue de la Paix', 'FR12345678901']) {
      expect(stored).not.toContain(plain);
    }
    expect(row).not.toHaveProperty('billing_email');
    expect(row).not.toHaveProperty('name');
  });

  it('changes only the fields given, and audits which fields changed, never their values', async () => {
    await as(user('org_patch')).billingContact.update({ email: 'old@example.com', name: 'Acme' });
    const after = await as(user('org_patch')).billingContact.update({ email: 'new@example.com' });
    expect(after).toMatchObject({ email: 'new@example.com', name: 'Acme' });
    await as(user('org_patch')).billingContact.update({ email: 'new@example.com' });
    const audit = await database.query<{ action: string; after: unknown; before: unknown }>(
      `select action, after, before from audit_log where organization_id = 'org_patch' order by created_at`,
    );
    expect(audit).toEqual([
      { action: 'billing_contact.updated', before: null, after: { changed: ['email', 'name'] } },
      { action: 'billing_contact.updated', before: null, after: { changed: ['email'] } },
    ]);
    expect(JSON.stringify(audit)).not.toContain('example.com');
  });

  it('re-encrypts under a new key: old rows stay readable during rotation, then move to the new key', async () => {
    await as(user('org_rotate')).billingContact.update({ email: 'rot@example.com' });
    const rotated = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_ENCRYPTION_KEY: `${NEW_KEY},${OLD_KEY}` });
    expect((await as(user('org_rotate'), { config: rotated }).billingContact.get()).email).toBe('rot@example.com');
    expect(await reencryptBillingContacts(database.db, rotated.dataKeys, 2)).toBeGreaterThanOrEqual(3);
    const ids = await database.query<{ contact_key_id: string }>(
      'select distinct contact_key_id from billing_customers where contact_key_id is not null',
    );
    expect(ids).toEqual([{ contact_key_id: 'k2026' }]);
    const onlyNew = parseKeyRing([NEW_KEY]);
    expect((await getBillingContact(database.db, onlyNew, 'org_rotate'))?.email).toBe('rot@example.com');
  });

  it('validates input and keeps members out', async () => {
    await expect(as(user('org_bad')).billingContact.update({ email: 'not-an-email' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(as(user('org_bad', 'org:member')).billingContact.get()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
