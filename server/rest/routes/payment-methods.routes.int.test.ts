import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { dataOf, expectError, expectSuccessCovered, rest } from '../test-support/rest-client';
import { startRestStack, type RestStack } from '../test-support/stack';
import { paymentMethodRoutes } from './payment-methods.routes';

let stack: RestStack;
beforeAll(async () => {
  stack = await startRestStack();
});
afterAll(() => stack.stop());

type Card = { id: string; brand: string; last4: string; is_default: boolean; stripe_payment_method_id: string };
const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  rest(stack.server.url, method, path, { headers, body });
const attach = async (org: string, card: string) =>
  call('POST', '/api/payment-methods', await stack.as(org, 'org:billing'), { payment_method_id: card });

describe('POST /api/payment-methods', () => {
  it('attaches a card (201); the first becomes the default, the second does not', async () => {
    const visa = dataOf<Card>(await attach('org_pm_attach', 'pm_card_visa'), 201);
    expect(visa).toMatchObject({ brand: 'visa', last4: '4242', is_default: true });
    expect(visa.stripe_payment_method_id).toMatch(/^pm_/);
    const mastercard = dataOf<Card>(await attach('org_pm_attach', 'pm_card_mastercard'), 201);
    expect(mastercard).toMatchObject({ brand: 'mastercard', is_default: false });
  });

  it('answers PAYMENT_FAILED for a card Stripe declines when attached', async () => {
    const answer = await attach('org_pm_declined', 'pm_card_chargeDeclined');
    expectError(answer, 'PAYMENT_FAILED', 402);
  });

  it('refuses another organization_id, a malformed id and unknown fields', async () => {
    const headers = await stack.as('org_pm_mine', 'org:billing');
    const other = { organization_id: 'org_pm_theirs', payment_method_id: 'pm_card_visa' };
    expectError(await call('POST', '/api/payment-methods', headers, other), 'NOT_FOUND', 404);
    const bad = await call('POST', '/api/payment-methods', headers, { payment_method_id: '4242424242424242', cvc: 1 });
    expectError(bad, 'VALIDATION_ERROR', 400);
    expect(bad.body.details).toEqual({
      payment_method_id: ['must be a Stripe payment method id (pm_…)'],
      cvc: ['unknown field'],
    });
  });

  it('is for billing people: members get FORBIDDEN', async () => {
    const member = await stack.as('org_pm_member', 'org:member');
    expectError(await call('POST', '/api/payment-methods', member, { payment_method_id: 'pm_card_visa' }), 'FORBIDDEN');
  });
});

describe('GET /api/payment-methods', () => {
  it('lists the cards, default first, to any member; another organization’s list is NOT_FOUND', async () => {
    await attach('org_pm_list', 'pm_card_amex');
    await attach('org_pm_list', 'pm_card_visa');
    const member = await stack.as('org_pm_list', 'org:member');
    const cards = dataOf<Card[]>(await call('GET', '/api/payment-methods?organization_id=org_pm_list', member));
    expect(cards.map((c) => [c.brand, c.is_default])).toEqual([
      ['amex', true],
      ['visa', false],
    ]);
    const intruder = await stack.as('org_pm_snoop', 'org:admin');
    expectError(await call('GET', '/api/payment-methods?organization_id=org_pm_list', intruder), 'NOT_FOUND', 404);
  });
});

describe('POST /api/payment-methods/:id/default and DELETE /api/payment-methods/:id', () => {
  it('makes another card the default, then removes the old one', async () => {
    const first = dataOf<Card>(await attach('org_pm_switch', 'pm_card_visa'), 201);
    const second = dataOf<Card>(await attach('org_pm_switch', 'pm_card_mastercard'), 201);
    const billing = await stack.as('org_pm_switch', 'org:billing');
    const made = dataOf<Card>(await call('POST', `/api/payment-methods/${second.id}/default`, billing));
    expect(made).toMatchObject({ id: second.id, is_default: true });
    expect(dataOf(await call('DELETE', `/api/payment-methods/${first.id}`, billing))).toEqual({
      id: first.id,
      removed: true,
    });
    const left = dataOf<Card[]>(await call('GET', '/api/payment-methods', billing));
    expect(left.map((c) => c.id)).toEqual([second.id]);
  });

  it('answers CONFLICT to removing the only card of a live subscription', async () => {
    const billing = await stack.as('org_pm_only', 'org:billing');
    dataOf(
      await call('POST', '/api/subscriptions', billing, {
        organization_id: 'org_pm_only',
        plan_id: STARTER_PLAN_ID,
        billing_cycle: 'monthly',
        payment_method_id: 'pm_card_visa',
      }),
      201,
    );
    const [card] = dataOf<Card[]>(await call('GET', '/api/payment-methods', billing));
    expectError(await call('DELETE', `/api/payment-methods/${card!.id}`, billing), 'CONFLICT', 409);
  });

  it('answers another organization’s card as a missing one: 404, and leaves it alone', async () => {
    const theirs = dataOf<Card>(await attach('org_pm_owner', 'pm_card_visa'), 201);
    const intruder = await stack.as('org_pm_thief', 'org:billing');
    expectError(await call('DELETE', `/api/payment-methods/${theirs.id}`, intruder), 'NOT_FOUND', 404);
    expectError(await call('POST', `/api/payment-methods/${theirs.id}/default`, intruder), 'NOT_FOUND', 404);
    const owner = await stack.as('org_pm_owner', 'org:member');
    expect(dataOf<Card[]>(await call('GET', '/api/payment-methods', owner))).toHaveLength(1);
  });

  it('refuses a malformed id and an unknown field in the default body', async () => {
    const billing = await stack.as('org_pm_bad', 'org:billing');
    const badId = await call('DELETE', '/api/payment-methods/pm_card_visa', billing);
    expectError(badId, 'VALIDATION_ERROR', 400);
    expect(badId.body.details).toEqual({ id: ['must be a payment method id (UUID)'] });
    const unknown = await call('POST', `/api/payment-methods/${STARTER_PLAN_ID}/default`, billing, { primary: true });
    expect(unknown.body.details).toEqual({ primary: ['unknown field'] });
  });
});

it('answered every route of the area, each answer valid against the OpenAPI document', () => {
  expectSuccessCovered(paymentMethodRoutes);
});
