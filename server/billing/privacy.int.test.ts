import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingCustomers } from '@/db/schema';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { callerFor } from '@/test/callers';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { TEST_PLATFORM_ORG_ID, testDeps } from '@/test/deps';
import { startTestStripe, type TestStripe } from '@/test/stripe';

let database: TestDatabase;
let stripe: TestStripe;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  stripe = await startTestStripe(database.db);
});
afterAll(async () => {
  await stripe.stop();
  await database.destroy();
});

describe('erasing an organization’s personal data', () => {
  it('clears the contact here and the name and email on its Stripe customer', async () => {
    const customer = await stripe.stripe.customers.create({
      name: 'Jane Doe',
      email: 'jane@acme.test',
      metadata: { organization_id: 'org_erase' },
    });
    await database.db.insert(billingCustomers).values({ organizationId: 'org_erase', stripeCustomerId: customer.id });
    const deps = testDeps(database.db, { payments: stripe.payments });
    await callerFor(deps, 'org_erase', 'org:admin').billingContact.update({
      name: 'Jane Doe',
      email: 'jane@acme.test',
    });
    const result = await callerFor(deps, TEST_PLATFORM_ORG_ID, 'org:admin').privacy.erase({
      organizationId: 'org_erase',
    });
    expect(result).toMatchObject({ erased: true, stripeCustomerCleared: true });
    const remote = await stripe.stripe.customers.retrieve(customer.id);
    expect(remote).toMatchObject({ name: null, email: null });
    expect(await callerFor(deps, 'org_erase', 'org:admin').billingContact.get()).toMatchObject({
      name: null,
      email: null,
    });
  });
});
