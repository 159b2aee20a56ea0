import { and, eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { billingCustomers, invoices, paymentMethods, stripeEvents, subscriptions } from '@/db/schema';
import { PRO_PLAN_ID, STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { callerFor } from '@/test/callers';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import type { TestStripe } from '@/test/stripe';
import { startStripeWithWebhooks, type StripeWithWebhooks } from '@/test/webhook-receiver';
import type { ServiceDeps } from '../../trpc/context';
import { reconcileWithStripe } from '../reconcile';
import { subscriptionSnapshot } from '../snapshots';
import { handleStripeWebhook, type WebhookDeps } from './handle-webhook';

let database: TestDatabase;
let stripe: TestStripe;
let deps: ServiceDeps;
let webhookDeps: WebhookDeps;
let stack: StripeWithWebhooks;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  stack = await startStripeWithWebhooks(database.db);
  ({ stripe, webhookDeps } = stack);
  deps = testDeps(database.db, { payments: stripe.payments });
});
afterAll(async () => {
  await stack.stop();
  await database.destroy();
});
beforeEach(() => stripe.simulator.webhooks.reset());

const DAY = 86_400;

/** Stripe delivers at least once and retries: what counts is that each event ends acknowledged. */
function everyEventAcknowledged(): boolean {
  const last = new Map<string, number | null>();
  for (const d of stripe.simulator.webhooks.deliveries()) last.set(d.eventId, d.status);
  return [...last.values()].every((status) => status === 200);
}

/** An organization whose Stripe customer lives on a test clock, so time can be moved. */
async function orgOnTestClock(org: string) {
  const now = Math.floor(Date.now() / 1000);
  const clock = await stripe.stripe.testHelpers.testClocks.create({ frozen_time: now });
  const customer = await stripe.stripe.customers.create({ test_clock: clock.id, metadata: { organization_id: org } });
  await database.db.insert(billingCustomers).values({ organizationId: org, stripeCustomerId: customer.id });
  return { clock, customer, now };
}

async function advance(clockId: string, to: number) {
  await stripe.stripe.testHelpers.testClocks.advance(clockId, { frozen_time: to });
  for (let i = 0; i < 200; i++) {
    if ((await stripe.stripe.testHelpers.testClocks.retrieve(clockId)).status === 'ready') break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await stripe.simulator.webhooks.settled();
}

const localSubscription = async (org: string) =>
  (await database.db.select().from(subscriptions).where(eq(subscriptions.organizationId, org)))[0]!;

/** The fields of the mirror that must equal Stripe's. */
function mirrorOf(row: typeof subscriptions.$inferSelect) {
  return {
    status: row.status,
    planId: row.planId,
    billingCycle: row.billingCycle,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    canceledAt: row.canceledAt?.toISOString() ?? null,
    currentPeriodStart: row.currentPeriodStart?.toISOString() ?? null,
    currentPeriodEnd: row.currentPeriodEnd?.toISOString() ?? null,
    trialEndsAt: row.trialEndsAt?.toISOString() ?? null,
  };
}

async function truthOf(stripeSubscriptionId: string) {
  const snap = subscriptionSnapshot(await stripe.stripe.subscriptions.retrieve(stripeSubscriptionId));
  const [price] = await database.query<{ plan_id: string; billing_cycle: string }>(
    `select plan_id, billing_cycle from plan_prices where stripe_price_id = '${snap.priceId}'`,
  );
  return {
    status: snap.status,
    planId: price!.plan_id,
    billingCycle: price!.billing_cycle,
    cancelAtPeriodEnd: snap.cancelAtPeriodEnd,
    canceledAt: snap.canceledAt?.toISOString() ?? null,
    currentPeriodStart: snap.currentPeriodStart?.toISOString() ?? null,
    currentPeriodEnd: snap.currentPeriodEnd?.toISOString() ?? null,
    trialEndsAt: snap.trialEnd?.toISOString() ?? null,
  };
}

describe('renewals through a test clock', () => {
  it('renews a month later: the renewal invoice is mirrored as paid and the period moves on', async () => {
    const org = 'org_renew';
    const { clock, now } = await orgOnTestClock(org);
    const sub = await callerFor(deps, org).subscriptions.create({
      planId: PRO_PLAN_ID,
      billingCycle: 'monthly',
      paymentMethodId: 'pm_card_visa',
    });
    await stripe.simulator.webhooks.settled();
    await advance(clock.id, now + 32 * DAY);
    const row = await localSubscription(org);
    expect(row.status).toBe('active');
    expect(row.currentPeriodStart!.getTime()).toBeGreaterThan(Date.parse(sub.currentPeriodStart!));
    const bills = await database.db.select().from(invoices).where(eq(invoices.organizationId, org));
    const renewal = bills.find((b) => b.billingReason === 'subscription_cycle');
    expect(renewal).toMatchObject({ status: 'paid', amountPaid: 9900, currency: 'usd' });
    const types = stripe.simulator.webhooks.deliveries().map((d) => d.type);
    expect(types).toEqual(
      expect.arrayContaining(['invoice.created', 'invoice.finalized', 'invoice.paid', 'customer.subscription.updated']),
    );
    expect(everyEventAcknowledged()).toBe(true);
    expect(mirrorOf(row)).toEqual(await truthOf(row.stripeSubscriptionId!));
  });

  it('enters the grace period on a failed renewal and leaves it when the invoice is paid with a new card', async () => {
    const org = 'org_dunning';
    const { clock, now } = await orgOnTestClock(org);
    const caller = callerFor(deps, org);
    await caller.subscriptions.create({
      planId: STARTER_PLAN_ID,
      billingCycle: 'monthly',
      paymentMethodId: 'pm_card_visa',
    });
    const failing = await caller.paymentMethods.attach({ paymentMethodId: 'pm_card_chargeCustomerFail' });
    await caller.paymentMethods.setDefault({ id: failing.id });
    await stripe.simulator.webhooks.settled();
    await advance(clock.id, now + 32 * DAY);
    const failed = await localSubscription(org);
    expect(failed.status).toBe('past_due');
    expect(failed.pastDueSince).not.toBeNull();
    const open = (await caller.invoices.list()).items.find((i) => i.status === 'open')!;
    expect(open).toMatchObject({ billingReason: 'subscription_cycle', amountDue: 2900 });
    expect((await caller.subscriptions.current())?.pastDueSince).not.toBeNull();

    const good = await caller.paymentMethods.attach({ paymentMethodId: 'pm_card_mastercard' });
    await caller.paymentMethods.setDefault({ id: good.id });
    const paid = await caller.invoices.pay({ id: open.id });
    expect(paid.status).toBe('paid');
    await stripe.simulator.webhooks.settled();
    const recovered = await localSubscription(org);
    expect(recovered.status).toBe('active');
    expect(recovered.pastDueSince).toBeNull();
  });
});

describe('delivery order and duplicates', () => {
  /** A lifecycle driven at Stripe directly, so the mirror learns it only from webhooks. */
  async function lifecycle(org: string) {
    const customer = await stripe.stripe.customers.create({ metadata: { organization_id: org } });
    await database.db.insert(billingCustomers).values({ organizationId: org, stripeCustomerId: customer.id });
    const pm = await stripe.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await stripe.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    const prices = await database.query<{ stripe_price_id: string; plan_id: string }>(
      `select stripe_price_id, plan_id from plan_prices where billing_cycle = 'monthly'`,
    );
    const priceOf = (plan: string) => prices.find((p) => p.plan_id === plan)!.stripe_price_id;
    const sub = await stripe.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: priceOf(STARTER_PLAN_ID) }],
      metadata: { organization_id: org },
    });
    await stripe.stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]!.id, price: priceOf(PRO_PLAN_ID) }],
      proration_behavior: 'always_invoice',
    });
    await stripe.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await stripe.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
    await stripe.stripe.subscriptions.cancel(sub.id);
    return { customer, sub };
  }

  async function mirrorRows(org: string) {
    const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.organizationId, org));
    const bills = await database.db.select().from(invoices).where(eq(invoices.organizationId, org));
    const cards = await database.db.select().from(paymentMethods).where(eq(paymentMethods.organizationId, org));
    return {
      subscription: sub ? mirrorOf(sub) : null,
      invoices: bills.map((b) => [b.stripeInvoiceId, b.status, b.total, b.amountPaid]).sort(),
      cards: cards.map((c) => [c.stripePaymentMethodId, c.last4, c.detachedAt === null]).sort(),
    };
  }

  async function forget(org: string, eventIds: string[]) {
    await database.db.delete(invoices).where(eq(invoices.organizationId, org));
    await database.db.delete(subscriptions).where(eq(subscriptions.organizationId, org));
    await database.db.delete(paymentMethods).where(eq(paymentMethods.organizationId, org));
    await database.db.delete(stripeEvents).where(inArray(stripeEvents.id, eventIds));
  }

  it('converges to the same rows whether a full lifecycle arrives in order or shuffled', async () => {
    const org = 'org_shuffle';
    stripe.simulator.webhooks.configure({ drop: () => true });
    const { customer, sub } = await lifecycle(org);
    const events: Stripe.Event[] = [];
    for await (const e of stripe.stripe.events.list({ limit: 100 })) {
      const object = e.data.object as { id?: string; customer?: string };
      if (object.customer === customer.id || object.id === customer.id) events.push(e);
    }
    events.reverse(); // oldest first
    expect(events.length).toBeGreaterThan(8);
    const deliver = async (list: Stripe.Event[]) => {
      for (const e of list) {
        const payload = JSON.stringify(e);
        const header = stripe.stripe.webhooks.generateTestHeaderString({ payload, secret: stripe.webhookSecret });
        expect((await handleStripeWebhook(payload, header, webhookDeps)).status).toBe(200);
      }
    };
    await deliver(events);
    const inOrder = await mirrorRows(org);
    expect(inOrder.subscription).toEqual(await truthOf(sub.id));
    expect(inOrder.subscription?.status).toBe('canceled');
    for (const seed of [1, 2, 3]) {
      await forget(
        org,
        events.map((e) => e.id),
      );
      await deliver(shuffle(events, seed));
      expect(await mirrorRows(org)).toEqual(inOrder);
    }
    // Delivered again (Stripe retries for days): nothing changes.
    await deliver(shuffle(events, 9));
    expect(await mirrorRows(org)).toEqual(inOrder);
  });

  it('stays correct when the simulator duplicates and shuffles real deliveries', async () => {
    const org = 'org_dupes';
    stripe.simulator.webhooks.configure({ duplicates: 2, shuffle: true });
    const { sub } = await lifecycle(org);
    await stripe.simulator.webhooks.settled();
    const deliveries = stripe.simulator.webhooks.deliveries();
    const ids = deliveries.map((d) => d.eventId);
    expect(ids.length).toBeGreaterThan(new Set(ids).size); // duplicates really happened
    expect(everyEventAcknowledged()).toBe(true);
    expect(mirrorOf(await localSubscription(org))).toEqual(await truthOf(sub.id));
    const counted = await database.query<{ n: number | string }>(
      `select count(*) as n from stripe_events where id in (${[...new Set(ids)].map((id) => `'${id}'`).join(',')})`,
    );
    expect(Number(counted[0]!.n)).toBe(new Set(ids).size);
  });
});

describe('reconciliation', () => {
  it('heals what dropped webhooks missed: afterwards the mirror equals Stripe, field by field', async () => {
    const org = 'org_heal';
    const caller = callerFor(deps, org);
    const created = await caller.subscriptions.create({
      planId: STARTER_PLAN_ID,
      billingCycle: 'monthly',
      paymentMethodId: 'pm_card_visa',
    });
    await stripe.simulator.webhooks.settled();
    stripe.simulator.webhooks.configure({ drop: () => true });
    // Changes made at Stripe (say, in the dashboard) whose webhooks never arrive.
    await stripe.stripe.subscriptions.update(created.stripeSubscriptionId!, { cancel_at_period_end: true });
    const extra = await stripe.stripe.paymentMethods.attach('pm_card_amex', { customer: created.stripeCustomerId! });
    const stale = await localSubscription(org);
    expect(stale.cancelAtPeriodEnd).toBe(false);

    const progress: number[] = [];
    const summary = await reconcileWithStripe(database.db, stripe.stripe, {
      full: true,
      now: new Date(),
      onProgress: (done) => progress.push(done),
    });
    expect(summary?.mode).toBe('full');
    expect(summary!.fixed.subscriptions).toBeGreaterThanOrEqual(1);
    expect(summary!.fixed.paymentMethods).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBe(Object.values(summary!.checked).reduce((a, b) => a + b, 0));
    expect(mirrorOf(await localSubscription(org))).toEqual(await truthOf(created.stripeSubscriptionId!));
    const cards = await database.db
      .select()
      .from(paymentMethods)
      .where(and(eq(paymentMethods.organizationId, org), eq(paymentMethods.stripePaymentMethodId, extra.id)));
    expect(cards).toHaveLength(1);
    const audit = await database.query<{ actor_id: string }>(
      `select actor_id from audit_log where organization_id = '${org}' and actor_type = 'system'`,
    );
    expect(audit.length).toBeGreaterThanOrEqual(2);

    // Incremental: only what changed since the last run.
    await stripe.stripe.subscriptions.update(created.stripeSubscriptionId!, { cancel_at_period_end: false });
    const incremental = await reconcileWithStripe(database.db, stripe.stripe, { full: false, now: new Date() });
    expect(incremental?.mode).toBe('incremental');
    expect(incremental!.fixed.subscriptions).toBe(1);
    expect((await localSubscription(org)).cancelAtPeriodEnd).toBe(false);
  });
});

/** A deterministic shuffle, so a failure can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
  const result = [...items];
  let state = seed * 7919;
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
