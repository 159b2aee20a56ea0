import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFeatures, planLimits, subscriptions } from '@/db/schema';
import { ENTERPRISE_PLAN_ID, PRO_PLAN_ID, STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { callerFor } from '@/test/callers';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import { loadConfig } from '../../config/config';
import type { ServiceDeps } from '../../trpc/context';

let database: TestDatabase;
let deps: ServiceDeps;
const now = new Date('2026-11-20T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  deps = testDeps(database.db, { clock: () => now });
});
afterAll(() => database.destroy());

async function subscribed(org: string, planId: string, extra: Partial<typeof subscriptions.$inferInsert> = {}) {
  await database.db.insert(subscriptions).values({
    organizationId: org,
    planId,
    billingCycle: 'monthly',
    status: 'active',
    currentPeriodStart: new Date('2026-11-15T00:00:00Z'),
    currentPeriodEnd: new Date('2026-12-15T00:00:00Z'),
    stripeSubscriptionId: `sub_${org}`,
    ...extra,
  });
}
const member = (org: string) => callerFor(deps, org, 'org:member');
const billing = (org: string) => callerFor(deps, org, 'org:billing');

describe('entitlements.check', () => {
  it('says why not: no subscription, feature off, hard limit; and allows soft overage and unlimited', async () => {
    expect(await member('org_none').entitlements.check({ key: 'websites' })).toMatchObject({
      allowed: false,
      reason: 'no_subscription',
    });
    await subscribed('org_starter', STARTER_PLAN_ID);
    const starter = member('org_starter');
    expect(await starter.entitlements.check({ key: 'custom_branding' })).toMatchObject({
      allowed: false,
      reason: 'feature_disabled',
    });
    expect(await starter.entitlements.check({ key: 'templates' })).toMatchObject({ allowed: true, reason: 'ok' });
    expect(await starter.entitlements.check({ key: 'sso' })).toMatchObject({
      allowed: false,
      reason: 'feature_disabled',
    });
    expect(await starter.entitlements.check({ key: 'websites', quantity: 1 })).toMatchObject({
      allowed: true,
      limit: 1,
      remaining: 1,
    });
    expect(await starter.entitlements.check({ key: 'websites', quantity: 2 })).toMatchObject({
      allowed: false,
      reason: 'hard_limit_reached',
    });
    expect(await starter.entitlements.check({ key: 'notifications_per_month', quantity: 10_001 })).toMatchObject({
      allowed: true,
      reason: 'soft_limit_overage',
      overage: 1,
    });
    await subscribed('org_enterprise', ENTERPRISE_PLAN_ID);
    expect(await member('org_enterprise').entitlements.check({ key: 'websites', quantity: 1_000_000 })).toMatchObject({
      allowed: true,
      limit: null,
      remaining: null,
    });
  });

  it('keeps entitlements during the grace period after a failed payment, and takes them away after', async () => {
    await subscribed('org_grace', PRO_PLAN_ID, { status: 'past_due', pastDueSince: new Date('2026-11-15T12:00:00Z') });
    expect(await member('org_grace').entitlements.check({ key: 'sso' })).toMatchObject({ reason: 'feature_disabled' });
    expect(await member('org_grace').entitlements.check({ key: 'api_access' })).toMatchObject({ allowed: true });
    const list = await member('org_grace').entitlements.list();
    expect(list.access).toEqual({ source: 'grace', denial: null, graceEndsAt: '2026-11-22T12:00:00.000Z' });
    await database.db
      .update(subscriptions)
      .set({ pastDueSince: new Date('2026-11-10T00:00:00Z') })
      .where(eq(subscriptions.organizationId, 'org_grace'));
    expect(await member('org_grace').entitlements.check({ key: 'api_access' })).toMatchObject({
      allowed: false,
      reason: 'payment_grace_expired',
    });
  });

  it('falls back to the configured free plan without a good subscription', async () => {
    const withFallback = testDeps(database.db, {
      clock: () => now,
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BILLING_FALLBACK_PLAN_ID: STARTER_PLAN_ID }),
    });
    const caller = callerFor(withFallback, 'org_free', 'org:member');
    expect(await caller.entitlements.check({ key: 'websites' })).toMatchObject({ allowed: true, limit: 1 });
    expect((await caller.entitlements.list()).access).toMatchObject({ source: 'fallback', denial: 'no_subscription' });
  });

  it('reflects an admin’s limit and feature edits at once, without re-subscribing', async () => {
    await subscribed('org_edit', STARTER_PLAN_ID);
    expect(await member('org_edit').entitlements.check({ key: 'websites', quantity: 2 })).toMatchObject({
      allowed: false,
    });
    await database.db.update(planLimits).set({ maxValue: 3 }).where(eq(planLimits.planId, STARTER_PLAN_ID));
    await database.db.update(planFeatures).set({ value: 'true' }).where(eq(planFeatures.name, 'custom_branding'));
    try {
      expect(await member('org_edit').entitlements.check({ key: 'websites', quantity: 2 })).toMatchObject({
        allowed: true,
        limit: 3,
      });
      expect(await member('org_edit').entitlements.check({ key: 'custom_branding' })).toMatchObject({ allowed: true });
    } finally {
      await seedReset();
    }
  });
});

async function seedReset() {
  await database.query(
    `update plan_limits set max_value = 1 where plan_id = '${STARTER_PLAN_ID}' and resource_type = 'websites'`,
  );
  await database.query(
    `update plan_limits set max_value = 10000 where plan_id = '${STARTER_PLAN_ID}' and resource_type = 'notifications_per_month'`,
  );
  await database.query(
    `update plan_limits set max_value = 3 where plan_id = '${STARTER_PLAN_ID}' and resource_type = 'team_members'`,
  );
  await database.query(
    `update plan_limits set max_value = 50000 where plan_id = '${STARTER_PLAN_ID}' and resource_type = 'api_requests_per_month'`,
  );
  await database.query(
    `update plan_limits set max_value = 30 where plan_id = '${STARTER_PLAN_ID}' and resource_type = 'data_retention_days'`,
  );
  await database.query(
    `update plan_features set value = 'false' where name = 'custom_branding' and plan_id = '${STARTER_PLAN_ID}'`,
  );
}

describe('entitlements.consume', () => {
  it('never lets 50 concurrent calls push a hard limit over', async () => {
    await subscribed('org_edge', PRO_PLAN_ID);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        billing('org_edge').entitlements.consume({ metric: 'websites', quantity: 1, idempotencyKey: `site-${i}` }),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.filter((r) => !r.allowed).every((r) => r.reason === 'hard_limit_reached')).toBe(true);
    const summary = await member('org_edge').usage.summary();
    expect(summary.metrics.find((m) => m.metric === 'websites')?.used).toBe(5);
    const [records] = await database.query<{ n: number | string }>(
      `select count(*) as n from usage_records where organization_id = 'org_edge'`,
    );
    expect(Number(records!.n)).toBe(5);
  });

  it('records once per idempotency key, and lets a soft limit go over', async () => {
    await subscribed('org_consume', STARTER_PLAN_ID);
    const caller = billing('org_consume');
    const first = await caller.entitlements.consume({ metric: 'team_members', quantity: 3, idempotencyKey: 'tm-1' });
    expect(first).toMatchObject({ allowed: true, used: 3, remaining: 0, reason: 'ok' });
    const again = await caller.entitlements.consume({ metric: 'team_members', quantity: 3, idempotencyKey: 'tm-1' });
    expect(again).toMatchObject({ allowed: true, used: 3 });
    const over = await caller.entitlements.consume({ metric: 'team_members', quantity: 1, idempotencyKey: 'tm-2' });
    expect(over).toMatchObject({ allowed: true, used: 4, overage: 1, reason: 'soft_limit_overage' });
    expect(await caller.entitlements.consume({ metric: 'sso', quantity: 1, idempotencyKey: 'x' })).toMatchObject({
      allowed: false,
    });
  });
});

describe('entitlements.list', () => {
  it('shows the features and limits in force with current usage', async () => {
    await subscribed('org_list', PRO_PLAN_ID);
    await billing('org_list').usage.record({
      events: [{ metric: 'notifications_per_month', quantity: 100_500, idempotencyKey: 'n1' }],
    });
    const list = await member('org_list').entitlements.list();
    expect(list.plan).toMatchObject({ id: PRO_PLAN_ID, displayName: 'Professional' });
    expect(list.access.source).toBe('plan');
    expect(list.features.find((f) => f.key === 'custom_branding')).toMatchObject({ enabled: true });
    expect(list.limits.find((l) => l.key === 'notifications_per_month')).toMatchObject({
      used: 100_500,
      limit: 100_000,
      overage: 500,
      overageAmount: 40,
      enforcement: 'soft',
    });
  });
});
