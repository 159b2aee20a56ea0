import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingCustomers, usageOverageCharges } from '@/db/schema';
import { STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { callerFor } from '@/test/callers';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import type { TestStripe } from '@/test/stripe';
import { startStripeWithWebhooks, type StripeWithWebhooks } from '@/test/webhook-receiver';
import { webhookFollowUps } from '../../stripe/webhooks/follow-ups';
import type { ServiceDeps } from '../../trpc/context';

let database: TestDatabase;
let stripe: TestStripe;
let deps: ServiceDeps;
let stack: StripeWithWebhooks;
/** The test clock's time: the app sees the same "now" as the simulated Stripe. */
let clockNow = new Date();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  stack = await startStripeWithWebhooks(database.db, (stripe) => ({
    afterCommit: webhookFollowUps({ db: database.db, payments: stripe.payments }),
  }));
  stripe = stack.stripe;
  deps = testDeps(database.db, { payments: stripe.payments, clock: () => clockNow });
});
afterAll(async () => {
  await stack.stop();
  await database.destroy();
});

async function advance(clockId: string, to: Date) {
  clockNow = to;
  await stripe.stripe.testHelpers.testClocks.advance(clockId, { frozen_time: Math.floor(to.getTime() / 1000) });
  for (let i = 0; i < 400; i++) {
    if ((await stripe.stripe.testHelpers.testClocks.retrieve(clockId)).status === 'ready') break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await stripe.simulator.webhooks.settled();
}

describe('overage billing at renewal', () => {
  it('bills the closing period’s overage on the renewal invoice, equal to usage.summary to the cent, late usage once on the next', async () => {
    const org = 'org_overage';
    const start = new Date(Math.floor(Date.now() / 1000) * 1000);
    clockNow = start;
    const clock = await stripe.stripe.testHelpers.testClocks.create({
      frozen_time: Math.floor(start.getTime() / 1000),
    });
    const customer = await stripe.stripe.customers.create({ test_clock: clock.id, metadata: { organization_id: org } });
    await database.db.insert(billingCustomers).values({ organizationId: org, stripeCustomerId: customer.id });
    const caller = callerFor(deps, org);
    const sub = await caller.subscriptions.create({
      planId: STARTER_PLAN_ID,
      billingCycle: 'monthly',
      paymentMethodId: 'pm_card_visa',
    });
    const firstPeriodStart = sub.currentPeriodStart!;
    const firstPeriodEnd = new Date(sub.currentPeriodEnd!);

    await caller.usage.record({
      events: [
        { metric: 'notifications_per_month', quantity: 12_345, idempotencyKey: 'n-1' },
        { metric: 'api_requests_per_month', quantity: 50_000, idempotencyKey: 'a-1' },
      ],
    });
    const closing = await caller.usage.summary();
    const notifications = closing.metrics.find((m) => m.metric === 'notifications_per_month')!;
    expect(notifications).toMatchObject({ overage: 2_345, overageAmount: 235 }); // 234.5 cents, half-up

    await advance(clock.id, new Date(firstPeriodEnd.getTime() + 2 * 3_600_000));
    const renewal = (await caller.invoices.list()).items.find((i) => i.billingReason === 'subscription_cycle')!;
    expect(renewal).toMatchObject({ status: 'paid', total: 2900 + 235, amountPaid: 3135 });
    const detail = await caller.invoices.get({ id: renewal.id });
    const overageLine = detail.lines.find((l) => l.description?.startsWith('Notifications'))!;
    expect(overageLine.amount).toBe(notifications.overageAmount);
    expect(overageLine.description).toContain('2,345 over 10,000 included × $0.001');
    const past = await caller.usage.summary({ periodStart: firstPeriodStart });
    expect(past.totalOverageAmount).toBe(overageLine.amount);

    // 100 more notifications of the closed period, reported within the late window.
    const late = await caller.usage.record({
      events: [
        {
          metric: 'notifications_per_month',
          quantity: 100,
          idempotencyKey: 'n-late',
          occurredAt: new Date(firstPeriodEnd.getTime() - 3_600_000).toISOString(),
        },
      ],
    });
    expect(late).toMatchObject({ accepted: 1, rejected: [] });

    const secondEnd = new Date((await caller.subscriptions.current())!.currentPeriodEnd!);
    await advance(clock.id, new Date(secondEnd.getTime() + 2 * 3_600_000));
    const renewals = (await caller.invoices.list()).items.filter((i) => i.billingReason === 'subscription_cycle');
    expect(renewals).toHaveLength(2);
    const next = renewals.find((i) => i.id !== renewal.id)!;
    expect(next.total).toBe(2900 + 10); // only the late 100 × $0.001
    const lines = (await caller.invoices.get({ id: next.id })).lines;
    expect(lines.find((l) => l.description?.includes('reported late'))?.amount).toBe(10);

    const charges = await database.db
      .select()
      .from(usageOverageCharges)
      .where(eq(usageOverageCharges.organizationId, org));
    expect(charges.map((c) => [c.quantity, c.amount]).sort()).toEqual([
      [100, 10],
      [2345, 235],
    ]);
  });
});
