import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { callerFor } from '@/test/callers';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { TEST_PLATFORM_ORG_ID, testDeps } from '@/test/deps';
import { startTestStripe, type TestStripe } from '@/test/stripe';
import { createInnerContext, type ServiceDeps } from '../../trpc/context';
import { createCaller } from '../_app';
import { refusal } from './admin-test-support';

let database: TestDatabase;
let stripe: TestStripe;
let deps: ServiceDeps;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  stripe = await startTestStripe(database.db);
  deps = testDeps(database.db, { payments: stripe.payments });
});
afterAll(async () => {
  await stripe.stop();
  await database.destroy();
});

const admin = () => callerFor(deps, TEST_PLATFORM_ORG_ID, 'org:admin').admin.plans;
const billing = (org: string) => callerFor(deps, org, 'org:billing');
const anyone = () => createCaller(createInnerContext(deps, { requestId: 'anonymous' }));

const usd = (billingCycle: 'monthly' | 'yearly', unitAmount: number) => ({ currency: 'usd', billingCycle, unitAmount });

async function activeStripePrices(productId: string) {
  return (await stripe.stripe.prices.list({ product: productId, active: true, limit: 100 })).data;
}

async function subscribe(org: string, planId: string, billingCycle: 'monthly' | 'yearly' = 'monthly') {
  return billing(org).subscriptions.create({ planId, billingCycle, paymentMethodId: 'pm_card_visa' });
}

describe('creating plans', () => {
  it('creates a plan with prices, features and limits, and its product and prices in Stripe', async () => {
    const plan = await admin().create({
      name: 'team',
      displayName: 'Team',
      description: 'For teams',
      trialDays: 7,
      prices: [
        usd('monthly', 4900),
        usd('yearly', 49000),
        { currency: 'eur', billingCycle: 'monthly', unitAmount: 4500 },
      ],
      features: [
        { name: 'sso', description: 'Single sign-on', featureType: 'boolean', value: 'true', isHighlighted: true },
      ],
      limits: [
        { resourceType: 'seats', maxValue: 10, enforcement: 'soft', overageUnitPrice: '500', usageType: 'gauge' },
        { resourceType: 'api_calls', unlimited: true, enforcement: 'hard' },
      ],
    });
    expect(plan).toMatchObject({
      name: 'team',
      isActive: true,
      isPublic: true,
      inStripe: true,
      priceMonthly: 4900,
      priceYearly: 49000,
      trialDays: 7,
    });
    expect(plan.limits).toEqual([
      expect.objectContaining({ resourceType: 'api_calls', unlimited: true, maxValue: -1, enforcement: 'hard' }),
      expect.objectContaining({ resourceType: 'seats', maxValue: 10, enforcement: 'soft', overageUnitPrice: '500' }),
    ]);

    const product = await stripe.stripe.products.retrieve(plan.stripeProductId!);
    expect(product).toMatchObject({
      name: 'Team',
      description: 'For teams',
      active: true,
      metadata: { plan_id: plan.id },
    });
    const prices = await activeStripePrices(product.id);
    expect(prices.map((p) => [p.lookup_key, p.unit_amount, p.recurring?.interval]).sort()).toEqual([
      ['team_monthly_eur', 4500, 'month'],
      ['team_monthly_usd', 4900, 'month'],
      ['team_yearly_usd', 49000, 'year'],
    ]);
    expect(plan.prices.every((p) => prices.some((s) => s.id === p.stripePriceId))).toBe(true);

    const publicPlan = (await anyone().plans.list()).find((p) => p.id === plan.id);
    expect(publicPlan).toMatchObject({ displayName: 'Team', priceMonthly: 4900 });
    expect(publicPlan!.features.map((f) => f.name)).toEqual(['sso']);
    const [audit] = await database.query<{ organization_id: string | null; actor_type: string }>(
      `select organization_id, actor_type from audit_log where action = 'plan.created' and target_id = '${plan.id}'`,
    );
    expect(audit).toEqual({ organization_id: null, actor_type: 'user' });
  });

  it('keeps a private plan out of the public catalog, but lists it for the admin', async () => {
    const plan = await admin().create({
      name: 'partner',
      displayName: 'Partner',
      isPublic: false,
      prices: [usd('monthly', 1000)],
    });
    expect((await anyone().plans.list()).map((p) => p.id)).not.toContain(plan.id);
    await expect(anyone().plans.get({ id: plan.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await admin().list()).find((p) => p.id === plan.id)).toMatchObject({ isPublic: false, inStripe: true });
  });

  it('refuses a taken slug, a slug that cannot be a lookup key, prices without the plan currency, and contradictory limits', async () => {
    const base = { displayName: 'X', prices: [usd('monthly', 100)] };
    expect(await refusal(admin().create({ ...base, name: 'team' }))).toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { name: ['already taken'] },
    });
    expect(await refusal(admin().create({ ...base, name: 'Team Plan' }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      fieldErrors: { name: [expect.stringMatching(/lowercase/)] },
    });
    expect(
      await refusal(
        admin().create({
          ...base,
          name: 'euro-only',
          prices: [{ currency: 'eur', billingCycle: 'monthly', unitAmount: 1 }],
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_ERROR', fieldErrors: { prices: [expect.stringMatching(/plan's currency/)] } });
    await expect(
      admin().create({
        ...base,
        name: 'hard-overage',
        limits: [{ resourceType: 'seats', maxValue: 3, enforcement: 'hard', overageUnitPrice: '500' }],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/hard limit/) });
    expect((await admin().list()).map((p) => p.name)).not.toContain('hard-overage');
  });
});

describe('editing plans', () => {
  it('renames the Stripe product with the plan, and a new slug moves the lookup keys', async () => {
    const plan = await admin().create({ name: 'solo', displayName: 'Solo', prices: [usd('monthly', 900)] });
    const edited = await admin().update({
      id: plan.id,
      name: 'solo-plus',
      displayName: 'Solo Plus',
      description: 'More',
    });
    expect(edited).toMatchObject({ name: 'solo-plus', displayName: 'Solo Plus', description: 'More' });
    const product = await stripe.stripe.products.retrieve(plan.stripeProductId!);
    expect(product).toMatchObject({ name: 'Solo Plus', description: 'More', metadata: { plan_name: 'solo-plus' } });
    const [price] = await activeStripePrices(product.id);
    expect(price!.lookup_key).toBe('solo-plus_monthly_usd');
    expect(price!.id).toBe(plan.prices[0]!.stripePriceId);
  });

  it('reorders plans: the pricing page follows the new order', async () => {
    const ids = (await anyone().plans.list()).map((p) => p.id);
    const reversed = [...ids].reverse();
    await admin().reorder({ planIds: reversed });
    expect((await anyone().plans.list()).map((p) => p.id)).toEqual(reversed);
  });
});

describe('changing a price', () => {
  let planId: string;
  let oldMonthly: string;
  let yearly: string;

  it('creates a new Stripe price and archives the old one; subscribers stay on the price they bought', async () => {
    const plan = await admin().create({
      name: 'growth',
      displayName: 'Growth',
      prices: [usd('monthly', 2000), usd('yearly', 20000)],
    });
    planId = plan.id;
    oldMonthly = plan.prices.find((p) => p.billingCycle === 'monthly')!.stripePriceId!;
    yearly = plan.prices.find((p) => p.billingCycle === 'yearly')!.stripePriceId!;
    const early = await subscribe('org_price_early', planId);
    expect(early.unitAmount).toBe(2000);

    const changed = await admin().update({ id: planId, prices: [usd('monthly', 2500), usd('yearly', 20000)] });
    const newMonthly = changed.prices.find((p) => p.billingCycle === 'monthly')!.stripePriceId!;
    expect(newMonthly).not.toBe(oldMonthly);
    expect(changed).toMatchObject({ priceMonthly: 2500, subscribers: 1, subscribersOnOldPrices: 1 });
    expect(changed.prices.find((p) => p.billingCycle === 'yearly')!.stripePriceId).toBe(yearly);

    const old = await stripe.stripe.prices.retrieve(oldMonthly);
    const fresh = await stripe.stripe.prices.retrieve(newMonthly);
    expect(old).toMatchObject({ active: false, lookup_key: null, unit_amount: 2000 });
    expect(fresh).toMatchObject({ active: true, lookup_key: 'growth_monthly_usd', unit_amount: 2500 });
    expect((await anyone().plans.get({ id: planId })).priceMonthly).toBe(2500);

    expect(await billing('org_price_early').subscriptions.current()).toMatchObject({ unitAmount: 2000 });
    const remote = await stripe.stripe.subscriptions.retrieve(early.stripeSubscriptionId!);
    expect(remote.items.data[0]!.price.id).toBe(oldMonthly);
    expect((await subscribe('org_price_late', planId)).unitAmount).toBe(2500);

    const audit = await database.query<{ before: { unitAmount: number }; after: { unitAmount: number } }>(
      `select before, after from audit_log where action = 'plan.price_changed' and target_id = '${planId}'`,
    );
    expect(audit).toEqual([expect.objectContaining({ before: expect.objectContaining({ unitAmount: 2000 }) })]);
    expect(audit[0]!.after.unitAmount).toBe(2500);
  });

  it('previews how many organizations move, then moves them to the current price with proration off', async () => {
    const preview = await admin().previewPriceMove({ planId });
    expect(preview).toEqual({
      planId,
      movable: 1,
      groups: [
        {
          currency: 'usd',
          billingCycle: 'monthly',
          organizations: 1,
          fromAmounts: [2000],
          toAmount: 2500,
          scheduled: 0,
        },
      ],
    });
    await expect(admin().movePriceSubscribers({ planId, expectedCount: 3 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/preview the move again/),
    });
    const sub = (await billing('org_price_early').subscriptions.current())!;
    const invoicesBefore = (await stripe.stripe.invoices.list({ subscription: sub.stripeSubscriptionId! })).data;

    expect(await admin().movePriceSubscribers({ planId, expectedCount: 1 })).toEqual({ moved: 1, failed: [] });

    const remote = await stripe.stripe.subscriptions.retrieve(sub.stripeSubscriptionId!);
    expect(remote.items.data[0]!.price.unit_amount).toBe(2500);
    const invoicesAfter = (await stripe.stripe.invoices.list({ subscription: sub.stripeSubscriptionId! })).data;
    expect(invoicesAfter.map((i) => i.id)).toEqual(invoicesBefore.map((i) => i.id));
    const pending = await stripe.stripe.invoiceItems.list({ customer: sub.stripeCustomerId!, pending: true });
    expect(pending.data).toEqual([]);

    expect(await billing('org_price_early').subscriptions.current()).toMatchObject({
      unitAmount: 2500,
      currentPeriodEnd: sub.currentPeriodEnd,
    });
    const moved = await database.query<{ actor_id: string }>(
      `select actor_id from audit_log where organization_id = 'org_price_early' and action = 'subscription.price_moved'`,
    );
    expect(moved).toHaveLength(1);
    expect((await admin().previewPriceMove({ planId })).movable).toBe(0);
    expect((await admin().get({ id: planId })).subscribersOnOldPrices).toBe(0);
  });

  it('retires a price left out of the set: that cycle is no longer sold, here or in Stripe', async () => {
    const plan = await admin().update({ id: planId, prices: [usd('monthly', 2500)] });
    expect(plan.priceYearly).toBeNull();
    expect((await stripe.stripe.prices.retrieve(yearly)).active).toBe(false);
    await expect(
      billing('org_price_yearly').subscriptions.create({ planId, billingCycle: 'yearly' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('features and limits', () => {
  it('edits rows in place: ids stay the same and a subscriber’s entitlements change at once', async () => {
    const plan = await admin().create({ name: 'metered', displayName: 'Metered', prices: [usd('monthly', 1500)] });
    await subscribe('org_entitled', plan.id);
    const member = () => callerFor(deps, 'org_entitled', 'org:member');
    const report = (key: string) =>
      billing('org_entitled').usage.record({ events: [{ metric: 'widgets_built', quantity: 2, idempotencyKey: key }] });
    expect(await report('before')).toMatchObject({ accepted: 0, rejected: [expect.anything()] });

    const first = await admin().setLimits({
      planId: plan.id,
      limits: [{ resourceType: 'api_calls', maxValue: 1000, enforcement: 'hard' }],
    });
    expect(await member().entitlements.check({ key: 'api_calls' })).toMatchObject({ allowed: true, limit: 1000 });

    const second = await admin().setLimits({
      planId: plan.id,
      limits: [
        { resourceType: 'api_calls', maxValue: 5000, enforcement: 'soft', overageUnitPrice: '0.1' },
        { resourceType: 'seats', maxValue: 0, enforcement: 'hard' },
      ],
    });
    expect(second.limits.find((l) => l.resourceType === 'api_calls')!.id).toBe(first.limits[0]!.id);
    expect(await member().entitlements.check({ key: 'api_calls' })).toMatchObject({ limit: 5000 });
    expect(await member().entitlements.check({ key: 'seats' })).toMatchObject({ allowed: false, limit: 0 });
    // A resource new to the catalog is metered at once: usage for it is accepted right after the edit.
    await admin().setLimits({
      planId: plan.id,
      limits: [...second.limits, { resourceType: 'widgets_built', maxValue: 100, enforcement: 'hard' }],
    });
    expect(await report('after')).toMatchObject({ accepted: 1, rejected: [] });

    const on = await admin().setFeatures({
      planId: plan.id,
      features: [{ name: 'webhooks', featureType: 'boolean', value: 'true' }],
    });
    expect(await member().entitlements.check({ key: 'webhooks' })).toMatchObject({ allowed: true });
    const off = await admin().setFeatures({
      planId: plan.id,
      features: [{ id: on.features[0]!.id, name: 'webhooks', featureType: 'boolean', value: 'false' }],
    });
    expect(off.features[0]!.id).toBe(on.features[0]!.id);
    expect(await member().entitlements.check({ key: 'webhooks' })).toMatchObject({
      allowed: false,
      reason: 'feature_disabled',
    });

    const removed = await admin().setLimits({ planId: plan.id, limits: [] });
    expect(removed.limits).toEqual([]);
    await expect(
      admin().setFeatures({ planId: plan.id, features: [{ name: 'templates', featureType: 'number', value: 'lots' }] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'templates: must be a number' });
  });
});

describe('archiving', () => {
  it('takes an archived plan off sale, here and in Stripe, while its subscribers keep it working', async () => {
    const plan = await admin().create({ name: 'legacy', displayName: 'Legacy', prices: [usd('monthly', 700)] });
    await admin().setLimits({
      planId: plan.id,
      limits: [{ resourceType: 'projects', maxValue: 3, enforcement: 'hard' }],
    });
    await subscribe('org_legacy', plan.id);

    const archived = await admin().archive({ id: plan.id });
    expect(archived).toMatchObject({ isActive: false, archivedAt: expect.any(String), subscribers: 1 });
    expect((await anyone().plans.list()).map((p) => p.id)).not.toContain(plan.id);
    await expect(anyone().plans.get({ id: plan.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await stripe.stripe.products.retrieve(plan.stripeProductId!)).active).toBe(false);
    await expect(subscribe('org_too_late', plan.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await billing('org_legacy').subscriptions.current()).toMatchObject({ planId: plan.id, status: 'active' });
    expect(await callerFor(deps, 'org_legacy', 'org:member').entitlements.check({ key: 'projects' })).toMatchObject({
      allowed: true,
      limit: 3,
    });
    expect(await billing('org_legacy').subscriptions.cancel()).toMatchObject({ cancelAtPeriodEnd: true });
    expect(await billing('org_legacy').subscriptions.resume()).toMatchObject({ cancelAtPeriodEnd: false });

    const restored = await admin().restore({ id: plan.id });
    expect(restored).toMatchObject({ isActive: true, archivedAt: null });
    expect((await anyone().plans.list()).map((p) => p.id)).toContain(plan.id);
    expect((await stripe.stripe.products.retrieve(plan.stripeProductId!)).active).toBe(true);
  });
});
