import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planPrices, stripeEvents } from '@/db/schema';
import { PRO_PLAN_ID, STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { callerFor } from '@/test/callers';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { TEST_PLATFORM_ORG_ID, testDeps } from '@/test/deps';
import type { TestStripe } from '@/test/stripe';
import { startStripeWithWebhooks, type StripeWithWebhooks } from '@/test/webhook-receiver';
import type { ServiceDeps } from '../../trpc/context';
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
  await stripe.simulator.webhooks.settled();
});
afterAll(async () => {
  await stack.stop();
  await database.destroy();
});
beforeEach(() => stripe.simulator.webhooks.reset());

const admin = () => callerFor(deps, TEST_PLATFORM_ORG_ID, 'org:admin').admin;
const settled = async () => {
  await stripe.simulator.webhooks.settled();
  expect(stripe.simulator.webhooks.deliveries().every((d) => d.status === 200)).toBe(true);
};
const syncedAudit = (targetId: string) =>
  database.query<{ actor_type: string; stripe_event_id: string | null; after: unknown }>(
    `select actor_type, stripe_event_id, after from audit_log where action like '%synced' and target_id = '${targetId}' order by created_at`,
  );

describe('product events', () => {
  it('mirror a product renamed, archived and restored in Stripe onto its plan', async () => {
    const productId = (await admin().plans.get({ id: PRO_PLAN_ID })).stripeProductId!;
    await stripe.stripe.products.update(productId, { name: 'Pro (Stripe)', description: 'Edited in the dashboard' });
    await settled();
    expect(await admin().plans.get({ id: PRO_PLAN_ID })).toMatchObject({
      displayName: 'Pro (Stripe)',
      description: 'Edited in the dashboard',
    });

    await stripe.stripe.products.update(productId, { active: false });
    await settled();
    expect(await admin().plans.get({ id: PRO_PLAN_ID })).toMatchObject({
      isActive: false,
      archivedAt: expect.any(String),
    });
    const publicIds = async () => (await callerFor(deps, 'org_any').plans.list()).map((p) => p.id);
    expect(await publicIds()).not.toContain(PRO_PLAN_ID);

    await stripe.stripe.products.update(productId, { active: true, name: 'Professional' });
    await settled();
    expect(await admin().plans.get({ id: PRO_PLAN_ID })).toMatchObject({ isActive: true, displayName: 'Professional' });
    expect(await publicIds()).toContain(PRO_PLAN_ID);
    const audit = await syncedAudit(PRO_PLAN_ID);
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(audit.every((a) => a.actor_type === 'stripe' && a.stripe_event_id?.startsWith('evt_'))).toBe(true);
  });

  it('apply what Stripe holds now, so an old event delivered late does not undo a newer change', async () => {
    const productId = (await admin().plans.get({ id: STARTER_PLAN_ID })).stripeProductId!;
    await stripe.stripe.products.update(productId, { name: 'Starter A' });
    await settled();
    const [old] = (await stripe.stripe.events.list({ type: 'product.updated', limit: 1 })).data;
    expect((old!.data.object as { name: string }).name).toBe('Starter A');
    await stripe.stripe.products.update(productId, { name: 'Starter B' });
    await settled();

    const payload = JSON.stringify({ ...old, id: 'evt_replayed_late' });
    const header = stripe.stripe.webhooks.generateTestHeaderString({ payload, secret: stripe.webhookSecret });
    const result = await handleStripeWebhook(payload, header, webhookDeps);
    expect(result).toMatchObject({ status: 200, body: { outcome: 'unchanged' } });
    expect((await admin().plans.get({ id: STARTER_PLAN_ID })).displayName).toBe('Starter B');
  });

  it('ignore products and prices that are not the catalog’s', async () => {
    const before = await admin().plans.list();
    const product = await stripe.stripe.products.create({ name: 'Consulting' });
    await stripe.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 100_000 });
    await settled();
    const outcomes = await database.db
      .select({ outcome: stripeEvents.outcome })
      .from(stripeEvents)
      .where(eq(stripeEvents.objectId, product.id));
    expect(outcomes).toEqual([{ outcome: 'processed' }]);
    expect(await admin().plans.list()).toEqual(before);
  });
});

describe('price events', () => {
  it('stop selling a price archived in Stripe, and sell it again when it is reactivated', async () => {
    const yearly = (await admin().plans.get({ id: STARTER_PLAN_ID })).prices.find((p) => p.billingCycle === 'yearly')!;
    await stripe.stripe.prices.update(yearly.stripePriceId!, { active: false });
    await settled();
    expect((await admin().plans.get({ id: STARTER_PLAN_ID })).priceYearly).toBeNull();

    await stripe.stripe.prices.update(yearly.stripePriceId!, { active: true });
    await settled();
    expect((await admin().plans.get({ id: STARTER_PLAN_ID })).priceYearly).toBe(yearly.unitAmount);
  });

  it('converge with an admin’s price change while its events arrive: the new price on sale, the old one not', async () => {
    const plan = await admin().plans.update({
      id: PRO_PLAN_ID,
      prices: [
        { currency: 'usd', billingCycle: 'monthly', unitAmount: 10900 },
        { currency: 'usd', billingCycle: 'yearly', unitAmount: 99000 },
      ],
    });
    await settled();
    const rows = await database.db.select().from(planPrices).where(eq(planPrices.planId, PRO_PLAN_ID));
    const onSale = rows.filter((r) => r.isActive).map((r) => [r.billingCycle, r.unitAmount]);
    expect(onSale.sort()).toEqual([
      ['monthly', 10900],
      ['yearly', 99000],
    ]);
    expect(await admin().plans.get({ id: PRO_PLAN_ID })).toEqual({ ...plan, updatedAt: expect.any(String) });
    const types = stripe.simulator.webhooks.deliveries().map((d) => d.type);
    expect(types).toEqual(expect.arrayContaining(['price.created', 'price.updated']));
  });
});

describe('promotion code and coupon events', () => {
  it('switch a code off and on when its promotion code is, and off for good when its coupon is deleted', async () => {
    const promo = await admin().promoCodes.create({
      code: 'MIRRORED',
      discountType: 'percent',
      percentOff: 15,
      duration: 'once',
    });
    await stripe.stripe.promotionCodes.update(promo.stripePromotionCodeId!, { active: false });
    await settled();
    expect((await admin().promoCodes.get({ id: promo.id })).isActive).toBe(false);
    await stripe.stripe.promotionCodes.update(promo.stripePromotionCodeId!, { active: true });
    await settled();
    expect((await admin().promoCodes.get({ id: promo.id })).isActive).toBe(true);

    await stripe.stripe.coupons.del(promo.stripeCouponId!);
    await settled();
    expect((await admin().promoCodes.get({ id: promo.id })).isActive).toBe(false);
    expect((await syncedAudit(promo.id)).map((a) => a.after)).toEqual([
      { isActive: false },
      { isActive: true },
      { isActive: false },
    ]);
  });
});
