import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices, subscriptions } from '@/db/schema';
import { STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { TEST_PLATFORM_ORG_ID, testDeps } from '@/test/deps';
import type { UserPrincipal } from '../auth/principal';
import { createInnerContext, type ServiceDeps } from '../trpc/context';
import { createCaller } from './_app';

let database: TestDatabase;
let deps: ServiceDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
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
const as = (principal: UserPrincipal) =>
  createCaller(createInnerContext(deps, { requestId: 'req-privacy', principal }));
const platformAdmin = () => as(user(TEST_PLATFORM_ORG_ID));

/** An organization with a contact, a subscription, an invoice and an API key. */
async function customerWithHistory(org: string) {
  await as(user(org)).billingContact.update({
    email: `billing@${org.replace('_', '-')}.test`,
    name: `${org} Ltd`,
    taxId: 'GB123',
  });
  await database.db.insert(subscriptions).values({
    organizationId: org,
    planId: STARTER_PLAN_ID,
    billingCycle: 'monthly',
    status: 'active',
    stripeSubscriptionId: `sub_${org}`,
  });
  await database.db.insert(invoices).values({
    organizationId: org,
    status: 'paid',
    currency: 'usd',
    total: 2900,
    amountPaid: 2900,
    stripeInvoiceId: `in_${org}`,
  });
  await as(user(org)).apiKeys.create({ name: 'ingest', scopes: ['usage:write'] });
}

describe('privacy.exportData', () => {
  it('gives the org admin every billing record of the organization as JSON, without secrets, and audits it', async () => {
    await customerWithHistory('org_export');
    await customerWithHistory('org_neighbour');
    const exported = await as(user('org_export')).privacy.exportData();
    expect(exported).toMatchObject({
      formatVersion: 1,
      organizationId: 'org_export',
      billingContact: { email: 'billing@org-export.test', name: 'org_export Ltd', taxId: 'GB123' },
      subscriptions: [expect.objectContaining({ stripeSubscriptionId: 'sub_org_export', status: 'active' })],
      invoices: [expect.objectContaining({ stripeInvoiceId: 'in_org_export', total: 2900 })],
      apiKeys: [expect.objectContaining({ name: 'ingest', scopes: ['usage:write'] })],
    });
    const text = JSON.stringify(exported);
    expect(text).not.toContain('org_neighbour');
    expect(text).not.toMatch(/keyHash|key_hash|Encrypted/);
    const [audit] = await database.query<{ action: string; actor_id: string }>(
      `select action, actor_id from audit_log where organization_id = 'org_export' and action like 'privacy.%'`,
    );
    expect(audit).toEqual({ action: 'privacy.data_exported', actor_id: 'user_org_export' });
  });

  it('is for organization admins only', async () => {
    await expect(as(user('org_export', 'org:billing')).privacy.exportData()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('privacy.erase', () => {
  it('lets a platform admin erase the contact while the money records stay, audited, and twice is harmless', async () => {
    await customerWithHistory('org_erase');
    const result = await platformAdmin().privacy.erase({ organizationId: 'org_erase' });
    expect(result).toMatchObject({ organizationId: 'org_erase', erased: true });
    expect(await as(user('org_erase')).billingContact.get()).toEqual({
      email: null,
      name: null,
      address: null,
      taxId: null,
    });
    const [row] = await database.query<Record<string, unknown>>(
      `select * from billing_customers where organization_id = 'org_erase'`,
    );
    expect(row).toMatchObject({ billing_email_encrypted: null, name_encrypted: null, contact_key_id: null });
    expect(row!.personal_data_erased_at).not.toBeNull();
    const kept = await database.query<{ n: number }>(
      `select (select count(*) from invoices where organization_id = 'org_erase')::int
            + (select count(*) from subscriptions where organization_id = 'org_erase')::int as n`,
    );
    expect(kept[0]!.n).toBe(2);
    const audit = await database.query<{ action: string; actor_id: string; after: unknown }>(
      `select action, actor_id, after from audit_log where action = 'privacy.personal_data_erased'`,
    );
    expect(audit).toEqual([
      {
        action: 'privacy.personal_data_erased',
        actor_id: `user_${TEST_PLATFORM_ORG_ID}`,
        after: { billingContact: 'erased' },
      },
    ]);
    expect(JSON.stringify(await database.query('select * from audit_log'))).not.toContain('billing@org-erase.test');
    expect(await platformAdmin().privacy.erase({ organizationId: 'org_erase' })).toMatchObject({ erased: true });
  });

  it('is refused to an organization’s own admin', async () => {
    await expect(as(user('org_erase')).privacy.erase({ organizationId: 'org_erase' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
