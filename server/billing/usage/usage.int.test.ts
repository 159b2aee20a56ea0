import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptions } from '@/db/schema';
import { PRO_PLAN_ID, STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { callerFor } from '@/test/callers';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import type { ServiceDeps } from '../../trpc/context';

let database: TestDatabase;
let deps: ServiceDeps;
const now = new Date('2026-11-17T12:00:00Z');
const periodStart = new Date('2026-11-15T00:00:00Z');
const periodEnd = new Date('2026-12-15T00:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  deps = testDeps(database.db, { clock: () => now });
});
afterAll(() => database.destroy());

async function subscribed(
  org: string,
  planId = STARTER_PLAN_ID,
  extra: Partial<typeof subscriptions.$inferInsert> = {},
) {
  await database.db.insert(subscriptions).values({
    organizationId: org,
    planId,
    billingCycle: 'monthly',
    status: 'active',
    currentPeriodStart: periodStart,
    currentPeriodEnd: periodEnd,
    stripeSubscriptionId: `sub_${org}`,
    ...extra,
  });
}

const event = (metric: string, quantity: number, key: string, occurredAt?: string) => ({
  metric,
  quantity,
  idempotencyKey: key,
  ...(occurredAt ? { occurredAt } : {}),
});

describe('usage.record', () => {
  it('keeps the valid events of a batch and rejects each bad one with its reason', async () => {
    await subscribed('org_ingest');
    const result = await callerFor(deps, 'org_ingest').usage.record({
      events: [
        event('notifications_per_month', 10, 'a'),
        event('bogus_metric', 1, 'b'),
        event('notifications_per_month', -1, 'c'),
        event('notifications_per_month', 1.5, 'd'),
        event('notifications_per_month', 1, 'e', '2026-11-18T12:00:00Z'),
        event('notifications_per_month', 1, 'f', '2026-10-01T00:00:00Z'),
        event('notifications_per_month', 1, 'g', 'yesterday'),
        event('notifications_per_month', 5, 'h', '2026-11-14T23:00:00Z'),
        event('data_retention_days', 1, 'i'),
      ],
    });
    expect(result.accepted).toBe(2);
    expect(result.duplicates).toBe(0);
    expect(result.rejected).toEqual([
      { index: 1, idempotencyKey: 'b', reason: 'unknown_metric' },
      { index: 2, idempotencyKey: 'c', reason: 'invalid_quantity' },
      { index: 3, idempotencyKey: 'd', reason: 'invalid_quantity' },
      { index: 4, idempotencyKey: 'e', reason: 'in_future' },
      { index: 5, idempotencyKey: 'f', reason: 'too_late' },
      { index: 6, idempotencyKey: 'g', reason: 'invalid_occurred_at' },
      { index: 8, idempotencyKey: 'i', reason: 'unknown_metric' },
    ]);
    const summary = await callerFor(deps, 'org_ingest').usage.summary();
    expect(summary.metrics.find((m) => m.metric === 'notifications_per_month')?.used).toBe(10);
    const late = await callerFor(deps, 'org_ingest').usage.summary({ periodStart: '2026-11-01T00:00:00Z' });
    expect(late.periodStart).toBe('2026-10-15T00:00:00.000Z');
    expect(late.metrics.find((m) => m.metric === 'notifications_per_month')?.used).toBe(5);
  });

  it('counts a repeated key once, within a batch, across calls and under concurrency', async () => {
    await subscribed('org_dedupe');
    const caller = callerFor(deps, 'org_dedupe');
    const first = await caller.usage.record({
      events: [event('api_requests_per_month', 7, 'k1'), event('api_requests_per_month', 7, 'k1')],
    });
    expect(first).toMatchObject({ accepted: 1, duplicates: 1 });
    const batches = Array.from({ length: 8 }, (_, b) =>
      caller.usage.record({
        events: Array.from({ length: 50 }, (_, i) => event('api_requests_per_month', 1, `race-${(b * 25 + i) % 100}`)),
      }),
    );
    const results = await Promise.all(batches);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(100);
    expect(results.reduce((n, r) => n + r.accepted + r.duplicates, 0)).toBe(400);
    const summary = await caller.usage.summary();
    expect(summary.metrics.find((m) => m.metric === 'api_requests_per_month')?.used).toBe(107);
    const [records] = await database.query<{ n: string | number }>(
      `select sum(quantity) as n from usage_records where organization_id = 'org_dedupe'`,
    );
    expect(Number(records!.n)).toBe(107);
  });

  it('keeps the latest value of a gauge, whatever the arrival order', async () => {
    await subscribed('org_gauge', PRO_PLAN_ID);
    const caller = callerFor(deps, 'org_gauge');
    await caller.usage.record({ events: [event('team_members', 4, 'g1', '2026-11-16T00:00:00Z')] });
    await caller.usage.record({ events: [event('team_members', 2, 'g0', '2026-11-15T06:00:00Z')] });
    await caller.usage.record({
      events: [
        event('team_members', 12, 'g2', '2026-11-17T10:00:00Z'),
        event('team_members', 3, 'g3', '2026-11-16T12:00:00Z'),
      ],
    });
    const summary = await caller.usage.summary();
    expect(summary.metrics.find((m) => m.metric === 'team_members')).toMatchObject({
      used: 12,
      included: 10,
      overage: 2,
      overageAmount: 1000,
      overLimit: true,
      percentUsed: 120,
    });
  });

  it('refuses batches over 1,000 events and bad types with field errors', async () => {
    await expect(
      callerFor(deps, 'org_ingest').usage.record({
        events: Array.from({ length: 1001 }, (_, i) => event('notifications_per_month', 1, `x${i}`)),
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('usage.summary', () => {
  it('prices overage exactly, rounded half-up once per metric', async () => {
    await subscribed('org_summary', PRO_PLAN_ID);
    const caller = callerFor(deps, 'org_summary');
    await caller.usage.record({
      events: [event('notifications_per_month', 112_345, 'n'), event('api_requests_per_month', 500_049, 'a')],
    });
    const summary = await caller.usage.summary();
    const notifications = summary.metrics.find((m) => m.metric === 'notifications_per_month')!;
    expect(notifications).toMatchObject({
      included: 100_000,
      used: 112_345,
      overage: 12_345,
      overageUnitPrice: '0.08',
      overageAmount: 988,
    });
    const api = summary.metrics.find((m) => m.metric === 'api_requests_per_month')!;
    expect(api).toMatchObject({ overage: 49, overageAmount: 0 }); // 0.49 cents rounds to 0
    expect(summary.totalOverageAmount).toBe(988 + 0);
    expect(summary.currency).toBe('usd');
    expect(summary.metrics.find((m) => m.metric === 'websites')).toMatchObject({
      included: 5,
      used: 0,
      percentUsed: 0,
    });
  });

  it('charts usage per day of the period', async () => {
    await subscribed('org_daily', PRO_PLAN_ID);
    const caller = callerFor(deps, 'org_daily');
    await caller.usage.record({
      events: [
        event('notifications_per_month', 5, 'd1', '2026-11-15T08:00:00Z'),
        event('notifications_per_month', 7, 'd2', '2026-11-15T20:00:00Z'),
        event('notifications_per_month', 1, 'd3', '2026-11-17T01:00:00Z'),
      ],
    });
    const daily = await caller.usage.daily({ metric: 'notifications_per_month' });
    expect(daily.days).toEqual([
      { day: '2026-11-15', quantity: 12 },
      { day: '2026-11-17', quantity: 1 },
    ]);
    expect(daily.periodStart).toBe('2026-11-15T00:00:00.000Z');
  });
});
