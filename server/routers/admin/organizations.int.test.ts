import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageTotals } from '@/db/schema';
import { PRO_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { callerFor } from '@/test/callers';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { captureLogger, TEST_PLATFORM_ORG_ID, testDeps } from '@/test/deps';
import { startTestStripe, type TestStripe } from '@/test/stripe';
import { serveWebhooks } from '@/test/webhook-receiver';
import type { ServiceDeps } from '../../trpc/context';

let database: TestDatabase;
let stripe: TestStripe;
let deps: ServiceDeps;
let receiver: Awaited<ReturnType<typeof serveWebhooks>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  // Invoices reach the mirror through webhooks, as in production.
  receiver = await serveWebhooks(() => ({
    db: database.db,
    payments: stripe.payments,
    logger: captureLogger('silent').logger,
    webhookSecrets: [stripe.webhookSecret],
  }));
  stripe = await startTestStripe(database.db, { webhookUrl: receiver.webhookUrl });
  deps = testDeps(database.db, { payments: stripe.payments });
});
afterAll(async () => {
  await stripe.stop();
  await receiver.close();
  await database.destroy();
});

const support = () => callerFor(deps, TEST_PLATFORM_ORG_ID, 'org:admin').admin.organizations;

describe('admin.organizations.get', () => {
  it('shows support one organization: subscription, invoices, usage against its limits, codes used and audit log', async () => {
    const org = 'org_support_case';
    const sub = await callerFor(deps, org, 'org:billing').subscriptions.create({
      planId: PRO_PLAN_ID,
      billingCycle: 'monthly',
      paymentMethodId: 'pm_card_visa',
      promoCode: 'WELCOME20',
    });
    await stripe.simulator.webhooks.settled();
    await database.db.insert(usageTotals).values({
      organizationId: org,
      metric: 'notifications_per_month',
      periodStart: new Date(sub.currentPeriodStart!),
      quantity: 1234,
    });

    const view = await support().get({ organizationId: org });
    expect(view.organizationId).toBe(org);
    expect(view.customer).toMatchObject({
      stripeCustomerId: sub.stripeCustomerId,
      firstPurchasedAt: expect.any(String),
    });
    expect(view.subscription).toMatchObject({ id: sub.id, planId: PRO_PLAN_ID, status: 'active' });
    expect(view.invoices).toEqual([
      expect.objectContaining({ status: 'paid', currency: 'usd', total: 7920, amountPaid: 7920 }),
    ]);
    expect(view.usage).toEqual([
      {
        metric: 'notifications_per_month',
        periodStart: sub.currentPeriodStart,
        quantity: 1234,
        billedQuantity: 0,
        included: 100_000,
      },
    ]);
    expect(view.promoRedemptions).toEqual([{ code: 'WELCOME20', redeemedAt: expect.any(String) }]);
    expect(view.audit.map((a) => a.action)).toContain('subscription.created');
  });

  it('answers an organization it knows nothing about with an empty view, and changes nothing', async () => {
    const auditBefore = await database.query(`select id from audit_log`);
    expect(await support().get({ organizationId: 'org_never_seen' })).toEqual({
      organizationId: 'org_never_seen',
      customer: null,
      subscription: null,
      invoices: [],
      usage: [],
      promoRedemptions: [],
      audit: [],
    });
    expect(await database.query(`select id from audit_log`)).toHaveLength(auditBefore.length);
  });

  it('is not reachable by an organization’s own admin', async () => {
    await expect(
      callerFor(deps, 'org_support_case', 'org:admin').admin.organizations.get({ organizationId: 'org_support_case' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
