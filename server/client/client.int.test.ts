import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { startRestStack, type RestStack } from '../rest/test-support/stack';
import { billingErrorCode, createBillingClient } from './index';

let stack: RestStack;
let apiKey: string;
beforeAll(async () => {
  stack = await startRestStack();
  const billing = await stack.as('org_client', 'org:billing');
  const subscribe = await fetch(`${stack.server.url}/api/subscriptions`, {
    method: 'POST',
    headers: { ...billing, 'content-type': 'application/json' },
    body: JSON.stringify({
      organization_id: 'org_client',
      plan_id: STARTER_PLAN_ID,
      billing_cycle: 'monthly',
      payment_method_id: 'pm_card_visa',
    }),
  });
  expect(subscribe.status).toBe(201);
  apiKey = (await stack.key('org_client', ['usage:write', 'entitlements:read'])).authorization!.replace('Bearer ', '');
});
afterAll(() => stack.stop());

describe('createBillingClient', () => {
  it('is exported from the package as billing-service/client', () => {
    const resolved = createRequire(import.meta.url).resolve('billing-service/client');
    expect(resolved).toBe(path.resolve('server/client/index.ts'));
  });

  it('records usage and checks an entitlement with a service API key, as the README shows', async () => {
    const billing = createBillingClient({ url: stack.server.url, apiKey });
    const recorded = await billing.usage.record.mutate({
      events: [{ metric: 'notifications_per_month', quantity: 250, idempotencyKey: 'client-1' }],
    });
    expect(recorded).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const check = await billing.entitlements.check.query({ key: 'notifications_per_month', quantity: 100 });
    expect(check).toMatchObject({ allowed: true, key: 'notifications_per_month', limit: 10_000, used: 250 });
  });

  it('batches calls made together into one request', async () => {
    let requests = 0;
    const billing = createBillingClient({
      url: `${stack.server.url}/api/trpc/`,
      apiKey,
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
    });
    const [plans, check] = await Promise.all([
      billing.plans.list.query(),
      billing.entitlements.check.query({ key: 'websites' }),
    ]);
    expect(plans.map((p) => p.id)).toContain(STARTER_PLAN_ID);
    expect(check.key).toBe('websites');
    expect(requests).toBe(1);
  });

  it('surfaces our error code on a refused call', async () => {
    const billing = createBillingClient({ url: stack.server.url, apiKey });
    const refused = await billing.subscriptions.current.query().catch((error: unknown) => error);
    expect(billingErrorCode(refused)).toBe('FORBIDDEN');
    const anonymous = createBillingClient({ url: stack.server.url, apiKey: 'bsk_unknown' });
    expect(billingErrorCode(await anonymous.usage.summary.query().catch((e: unknown) => e))).toBe('UNAUTHORIZED');
    expect(billingErrorCode(new Error('not ours'))).toBeNull();
  });
});
