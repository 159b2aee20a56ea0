import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { TEST_PLATFORM_ORG_ID } from '@/test/deps';
import { dataOf, expectError, expectSuccessCovered, rest } from '../test-support/rest-client';
import { startRestStack, type RestStack } from '../test-support/stack';
import { usageRoutes } from './usage.routes';

let stack: RestStack;
beforeAll(async () => {
  stack = await startRestStack();
});
afterAll(() => stack.stop());

type Summary = {
  organization_id: string;
  resources: Array<Record<string, unknown> & { resource_type: string }>;
  total_overage_amount: number;
};
const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  rest(stack.server.url, method, path, { headers, body });

/** An organization on Starter, through the REST API. */
async function onStarter(org: string) {
  const billing = await stack.as(org, 'org:billing');
  const body = {
    organization_id: org,
    plan_id: STARTER_PLAN_ID,
    billing_cycle: 'monthly',
    payment_method_id: 'pm_card_visa',
  };
  dataOf(await call('POST', '/api/subscriptions', billing, body), 201);
  return billing;
}

const notifications = (quantity: number, key: string) => ({
  metric: 'notifications_per_month',
  quantity,
  idempotency_key: key,
});

describe('POST /api/usage', () => {
  it('records events with a service key; a repeated idempotency_key counts once; bad events come back rejected', async () => {
    await onStarter('org_usage_rec');
    const key = await stack.key('org_usage_rec', ['usage:write']);
    const first = dataOf(
      await call('POST', '/api/usage', key, {
        events: [
          notifications(10_000, 'n-1'),
          notifications(2_500, 'n-2'),
          { ...notifications(1, 'x'), metric: 'bogus' },
        ],
      }),
    );
    expect(first).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [{ index: 2, idempotency_key: 'x', reason: 'unknown_metric' }],
    });
    const again = dataOf(await call('POST', '/api/usage', key, { events: [notifications(2_500, 'n-2')] }));
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('refuses a key without usage:write, members, and another organization', async () => {
    await onStarter('org_usage_refuse');
    const body = { events: [notifications(1, 'r-1')] };
    const reader = await stack.key('org_usage_refuse', ['entitlements:read']);
    expectError(await call('POST', '/api/usage', reader, body), 'FORBIDDEN', 403);
    const member = await stack.as('org_usage_refuse', 'org:member');
    expectError(await call('POST', '/api/usage', member, body), 'FORBIDDEN', 403);
    const writer = await stack.key('org_usage_refuse', ['usage:write']);
    const other = { ...body, organization_id: 'org_usage_someone' };
    expectError(await call('POST', '/api/usage', writer, other), 'NOT_FOUND', 404);
  });

  it('lets a platform key record for the organization it names, and requires it to name one', async () => {
    await onStarter('org_usage_platform');
    const platform = await stack.key(TEST_PLATFORM_ORG_ID, ['usage:write'], { platform: true });
    const named = { organization_id: 'org_usage_platform', events: [notifications(7, 'p-1')] };
    expect(dataOf(await call('POST', '/api/usage', platform, named))).toMatchObject({ accepted: 1 });
    const unnamed = await call('POST', '/api/usage', platform, { events: [notifications(7, 'p-2')] });
    expectError(unnamed, 'VALIDATION_ERROR', 400);
    expect(unnamed.body.details).toEqual({ organization_id: ['required for platform keys'] });
  });

  it('answers VALIDATION_ERROR naming the event field that is wrong or unknown', async () => {
    const key = await stack.key('org_usage_bad', ['usage:write']);
    const answer = await call('POST', '/api/usage', key, {
      events: [notifications(1, 'ok'), { metric: 'notifications_per_month', quantity: '3', idempotencyKey: 'k' }],
    });
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(answer.body.details).toEqual({
      'events.1.quantity': ['must be a number'],
      'events.1.idempotency_key': ['Invalid input: expected string, received undefined'],
      'events.1.idempotencyKey': ['unknown field'],
    });
    const empty = await call('POST', '/api/usage', key, { events: [] });
    expect(empty.body.details).toEqual({ events: ['send at least one event'] });
  });
});

describe('GET /api/usage/:organizationId', () => {
  it('gives each resource’s included, used and overage quantities, and overage in major units', async () => {
    await onStarter('org_usage_sum');
    const key = await stack.key('org_usage_sum', ['usage:write']);
    dataOf(await call('POST', '/api/usage', key, { events: [notifications(12_500, 's-1')] }));
    const member = await stack.as('org_usage_sum', 'org:member');
    const summary = dataOf<Summary>(await call('GET', '/api/usage/org_usage_sum', member));
    expect(summary.organization_id).toBe('org_usage_sum');
    const byType = Object.fromEntries(summary.resources.map((r) => [r.resource_type, r]));
    expect(byType.notifications_per_month).toEqual({
      resource_type: 'notifications_per_month',
      included_quantity: 10_000,
      used_quantity: 12_500,
      overage_quantity: 2_500,
      overage_unit_price: 0.001,
      overage_amount: 2.5,
      usage_percentage: 125,
      is_over_limit: true,
    });
    expect(byType.api_requests_per_month).toMatchObject({ used_quantity: 0, is_over_limit: false, overage_amount: 0 });
    expect(summary.total_overage_amount).toBe(2.5);
  });

  it('lets a key with entitlements:read read it, and answers another organization as not found', async () => {
    await onStarter('org_usage_read');
    const reader = await stack.key('org_usage_read', ['entitlements:read']);
    expect(dataOf<Summary>(await call('GET', '/api/usage/org_usage_read', reader)).resources.length).toBeGreaterThan(0);
    expectError(await call('GET', '/api/usage/org_usage_sum', reader), 'NOT_FOUND', 404);
    const writer = await stack.key('org_usage_read', ['usage:write']);
    expectError(await call('GET', '/api/usage/org_usage_read', writer), 'FORBIDDEN', 403);
  });

  it('refuses a period_start that is not a timestamp', async () => {
    const member = await stack.as('org_usage_q', 'org:member');
    const answer = await call('GET', '/api/usage/org_usage_q?period_start=last-month', member);
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(Object.keys(answer.body.details as object)).toEqual(['period_start']);
  });
});

it('answered every route of the area, each answer valid against the OpenAPI document', () => {
  expectSuccessCovered(usageRoutes);
});
