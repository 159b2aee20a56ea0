import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_PLAN_ID, PRO_PLAN_ID, STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { dataOf, expectError, expectSuccessCovered, rest } from '../test-support/rest-client';
import { startRestStack, type RestStack } from '../test-support/stack';
import { subscriptionRoutes } from './subscriptions.routes';

let stack: RestStack;
beforeAll(async () => {
  stack = await startRestStack();
});
afterAll(() => stack.stop());

type Subscription = Record<string, unknown> & { id: string; status: string; cancels_at_period_end: boolean };
const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  rest(stack.server.url, method, path, { headers, body });

/** An organization subscribed to `plan` by its billing person, through the REST API. */
async function subscribed(org: string, plan = STARTER_PLAN_ID) {
  const billing = await stack.as(org, 'org:billing');
  const answer = await call('POST', '/api/subscriptions', billing, {
    organization_id: org,
    plan_id: plan,
    billing_cycle: 'monthly',
    payment_method_id: 'pm_card_visa',
  });
  return { billing, subscription: dataOf<Subscription>(answer, 201) };
}

describe('POST /api/subscriptions', () => {
  it('subscribes with the seed’s request and answers 201 with exactly the contract’s Subscription', async () => {
    const { subscription } = await subscribed('org_rest_create', PRO_PLAN_ID);
    expect(subscription).toMatchObject({
      organization_id: 'org_rest_create',
      plan_id: PRO_PLAN_ID,
      billing_cycle: 'monthly',
      status: 'active',
      cancels_at_period_end: false,
      canceled_at: null,
      stripe_subscription_id: expect.stringMatching(/^sub_/),
      stripe_customer_id: expect.stringMatching(/^cus_/),
    });
    expect(Object.keys(subscription).sort()).toEqual(
      [
        'id',
        'organization_id',
        'plan_id',
        'billing_cycle',
        'status',
        'trial_ends_at',
        'current_period_start',
        'current_period_end',
        'cancels_at_period_end',
        'canceled_at',
        'stripe_subscription_id',
        'stripe_customer_id',
        'created_at',
        'updated_at',
      ].sort(),
    );
  });

  it('refuses an organization_id that is not the caller’s active organization, creating nothing', async () => {
    const billing = await stack.as('org_rest_mine', 'org:billing');
    const body = { organization_id: 'org_rest_theirs', plan_id: STARTER_PLAN_ID, billing_cycle: 'monthly' };
    expectError(await call('POST', '/api/subscriptions', billing, body), 'NOT_FOUND', 404);
    const rows = await stack.database.query(`select id from subscriptions where organization_id like 'org_rest_%s'`);
    expect(rows).toEqual([]);
  });

  it('answers CONFLICT to a second subscription of the organization', async () => {
    const { billing } = await subscribed('org_rest_twice');
    const again = { organization_id: 'org_rest_twice', plan_id: PRO_PLAN_ID, billing_cycle: 'monthly' };
    expectError(await call('POST', '/api/subscriptions', billing, again), 'CONFLICT', 409);
  });

  it('answers PAYMENT_FAILED with Stripe’s decline code when the card is declined', async () => {
    const billing = await stack.as('org_rest_declined', 'org:billing');
    const answer = await call('POST', '/api/subscriptions', billing, {
      organization_id: 'org_rest_declined',
      plan_id: PRO_PLAN_ID,
      billing_cycle: 'monthly',
      payment_method_id: 'pm_card_chargeDeclinedInsufficientFunds',
    });
    expectError(answer, 'PAYMENT_FAILED', 402);
    expect(answer.body.message).toMatch(/insufficient funds/);
    expect(answer.body.details).toMatchObject({ decline_code: 'insufficient_funds' });
  });

  it('answers NOT_FOUND for a plan that does not exist', async () => {
    const billing = await stack.as('org_rest_noplan', 'org:billing');
    const body = {
      organization_id: 'org_rest_noplan',
      plan_id: '550e8400-e29b-41d4-a716-446655449999',
      billing_cycle: 'monthly',
    };
    expectError(await call('POST', '/api/subscriptions', billing, body), 'NOT_FOUND', 404);
  });

  it('answers VALIDATION_ERROR naming each wrong, missing or unknown field', async () => {
    const billing = await stack.as('org_rest_invalid', 'org:billing');
    const answer = await call('POST', '/api/subscriptions', billing, {
      organization_id: 'org_rest_invalid',
      plan_id: 42,
      billing_cycle: 'weekly',
      planId: STARTER_PLAN_ID,
    });
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(Object.keys(answer.body.details as object).sort()).toEqual(['billing_cycle', 'planId', 'plan_id']);
    expect((answer.body.details as Record<string, string[]>).planId).toEqual(['unknown field']);
  });

  it('refuses members (FORBIDDEN) and anonymous callers (UNAUTHORIZED)', async () => {
    const body = { organization_id: 'org_rest_roles', plan_id: STARTER_PLAN_ID, billing_cycle: 'monthly' };
    const member = await stack.as('org_rest_roles', 'org:member');
    expectError(await call('POST', '/api/subscriptions', member, body), 'FORBIDDEN', 403);
    expectError(await call('POST', '/api/subscriptions', {}, body), 'UNAUTHORIZED', 401);
  });
});

describe('GET /api/subscriptions/:organizationId', () => {
  it('gives the subscription with its plan, features and limits', async () => {
    const { subscription } = await subscribed('org_rest_read', PRO_PLAN_ID);
    const member = await stack.as('org_rest_read', 'org:member');
    const details = dataOf<{ subscription: Subscription; plan: Record<string, unknown>; limits: unknown[] }>(
      await call('GET', '/api/subscriptions/org_rest_read', member),
    );
    expect(details.subscription).toEqual(subscription);
    expect(details.plan).toMatchObject({ id: PRO_PLAN_ID, display_name: 'Professional', price_monthly: 99 });
    expect(details.limits.length).toBeGreaterThan(0);
  });

  it('answers another organization’s subscription exactly as a missing one: 404', async () => {
    await subscribed('org_rest_victim');
    const intruder = await stack.as('org_rest_intruder', 'org:admin');
    const theirs = await call('GET', '/api/subscriptions/org_rest_victim', intruder);
    const none = await call('GET', '/api/subscriptions/org_rest_intruder', intruder);
    expectError(theirs, 'NOT_FOUND', 404);
    expectError(none, 'NOT_FOUND', 404);
    expect(theirs.body.message).toBe('Organization not found');
  });

  it('lets a service key with subscriptions:read read its own organization, and refuses one without it', async () => {
    await subscribed('org_rest_svc');
    const reader = await stack.key('org_rest_svc', ['subscriptions:read']);
    expect(dataOf(await call('GET', '/api/subscriptions/org_rest_svc', reader))).toHaveProperty('subscription');
    const writer = await stack.key('org_rest_svc', ['usage:write']);
    expectError(await call('GET', '/api/subscriptions/org_rest_svc', writer), 'FORBIDDEN', 403);
  });
});

describe('PUT /api/subscriptions/:id', () => {
  it('upgrades the plan now and keeps the cycle when only plan_id is given', async () => {
    const { billing, subscription } = await subscribed('org_rest_upgrade');
    const changed = dataOf<Subscription>(
      await call('PUT', `/api/subscriptions/${subscription.id}`, billing, { plan_id: ENTERPRISE_PLAN_ID }),
    );
    expect(changed).toMatchObject({ id: subscription.id, plan_id: ENTERPRISE_PLAN_ID, billing_cycle: 'monthly' });
  });

  it('changes only the billing cycle when only billing_cycle is given', async () => {
    const { billing, subscription } = await subscribed('org_rest_yearly', PRO_PLAN_ID);
    const changed = dataOf<Subscription>(
      await call('PUT', `/api/subscriptions/${subscription.id}`, billing, { billing_cycle: 'yearly' }),
    );
    expect(changed).toMatchObject({ plan_id: PRO_PLAN_ID, billing_cycle: 'yearly' });
  });

  it('answers CONFLICT when nothing would change, and VALIDATION_ERROR for an empty body', async () => {
    const { billing, subscription } = await subscribed('org_rest_same');
    const path = `/api/subscriptions/${subscription.id}`;
    expectError(await call('PUT', path, billing, { plan_id: STARTER_PLAN_ID }), 'CONFLICT', 409);
    const empty = await call('PUT', path, billing, {});
    expectError(empty, 'VALIDATION_ERROR', 400);
    expect(empty.body.details).toEqual({ plan_id: ['give plan_id, billing_cycle or both'] });
  });

  it('answers NOT_FOUND for another organization’s subscription id and changes nothing', async () => {
    const { subscription } = await subscribed('org_rest_owner');
    const intruder = await stack.as('org_rest_other', 'org:billing');
    const path = `/api/subscriptions/${subscription.id}`;
    expectError(await call('PUT', path, intruder, { plan_id: PRO_PLAN_ID }), 'NOT_FOUND', 404);
    expectError(await call('DELETE', path, intruder), 'NOT_FOUND', 404);
    const member = await stack.as('org_rest_owner', 'org:member');
    expect(
      dataOf<{ subscription: Subscription }>(await call('GET', '/api/subscriptions/org_rest_owner', member)),
    ).toMatchObject({ subscription: { plan_id: STARTER_PLAN_ID, cancels_at_period_end: false } });
  });

  it('refuses members of the organization', async () => {
    const { subscription } = await subscribed('org_rest_member_put');
    const member = await stack.as('org_rest_member_put', 'org:member');
    const path = `/api/subscriptions/${subscription.id}`;
    expectError(await call('PUT', path, member, { plan_id: PRO_PLAN_ID }), 'FORBIDDEN', 403);
    expectError(await call('DELETE', path, member), 'FORBIDDEN', 403);
  });
});

describe('DELETE /api/subscriptions/:id', () => {
  it('cancels at the end of the period, then CONFLICT when asked again', async () => {
    const { billing, subscription } = await subscribed('org_rest_cancel');
    const path = `/api/subscriptions/${subscription.id}`;
    const canceled = dataOf<Subscription>(await call('DELETE', path, billing));
    expect(canceled).toMatchObject({ id: subscription.id, status: 'active', cancels_at_period_end: true });
    expectError(await call('DELETE', path, billing), 'CONFLICT', 409);
  });

  it('cancels now with ?immediate=true', async () => {
    const { billing, subscription } = await subscribed('org_rest_now');
    const canceled = dataOf<Subscription>(
      await call('DELETE', `/api/subscriptions/${subscription.id}?immediate=true`, billing),
    );
    expect(canceled).toMatchObject({ status: 'canceled', canceled_at: expect.any(String) });
  });

  it('refuses an immediate flag that is not true or false', async () => {
    const { billing, subscription } = await subscribed('org_rest_flag');
    const answer = await call('DELETE', `/api/subscriptions/${subscription.id}?immediate=yes`, billing);
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(Object.keys(answer.body.details as object)).toEqual(['immediate']);
  });
});

it('answered every route of the area, each answer valid against the OpenAPI document', () => {
  expectSuccessCovered(subscriptionRoutes);
});
