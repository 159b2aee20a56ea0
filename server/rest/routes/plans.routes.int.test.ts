import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_PLAN_ID, PRO_PLAN_ID, STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { dataOf, expectError, expectSuccessCovered, rest } from '../test-support/rest-client';
import { startRestStack, type RestStack } from '../test-support/stack';
import { planRoutes } from './plans.routes';

let stack: RestStack;
beforeAll(async () => {
  stack = await startRestStack();
});
afterAll(() => stack.stop());

const get = (path: string, headers: Record<string, string> = {}) => rest(stack.server.url, 'GET', path, { headers });

describe('GET /api/plans', () => {
  it('lists the public plans by sort order with the seed’s fields, prices in major units', async () => {
    const plans = dataOf<Array<{ plan: Record<string, unknown>; features: unknown[]; limits: unknown[] }>>(
      await get('/api/plans'),
    );
    expect(plans.map((p) => p.plan.id)).toEqual([STARTER_PLAN_ID, PRO_PLAN_ID, ENTERPRISE_PLAN_ID]);
    expect(plans[1]!.plan).toMatchObject({
      name: 'pro',
      display_name: 'Professional',
      price_monthly: 99,
      price_yearly: 990,
      currency: 'usd',
      is_public: true,
      stripe_product_id: expect.stringMatching(/^prod_/),
      stripe_monthly_price_id: expect.stringMatching(/^price_/),
      stripe_yearly_price_id: expect.stringMatching(/^price_/),
    });
    expect(Object.keys(plans[0]!.plan).sort()).toEqual(
      [
        'id',
        'name',
        'display_name',
        'description',
        'price_monthly',
        'price_yearly',
        'currency',
        'is_public',
        'sort_order',
        'stripe_product_id',
        'stripe_monthly_price_id',
        'stripe_yearly_price_id',
        'created_at',
        'updated_at',
      ].sort(),
    );
  });

  it('needs no credential, and ignores a bad one as tRPC’s public procedures do', async () => {
    expect((await get('/api/plans', { authorization: 'Bearer bsk_nope' })).status).toBe(200);
  });

  it('refuses an unknown query parameter with VALIDATION_ERROR naming it', async () => {
    const answer = await get('/api/plans?sort=price');
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(answer.body.details).toEqual({ sort: ['unknown field'] });
  });
});

describe('GET /api/plans/:id and its features and limits', () => {
  it('gives one plan with its features and limits', async () => {
    const plan = dataOf<{ plan: { id: string }; features: Array<{ plan_id: string }> }>(
      await get(`/api/plans/${STARTER_PLAN_ID}`),
    );
    expect(plan.plan.id).toBe(STARTER_PLAN_ID);
    expect(plan.features.every((f) => f.plan_id === STARTER_PLAN_ID)).toBe(true);
  });

  it('gives limits with -1 for unlimited and overage prices in major units per unit', async () => {
    const starter = dataOf<Array<{ resource_type: string; max_value: number; overage_price: number | null }>>(
      await get(`/api/plans/${STARTER_PLAN_ID}/limits`),
    );
    const byType = Object.fromEntries(starter.map((l) => [l.resource_type, l]));
    expect(byType.notifications_per_month).toMatchObject({ max_value: 10_000, overage_price: 0.001 });
    expect(byType.api_requests_per_month).toMatchObject({ max_value: 50_000, overage_price: 0.0001 });
    expect(byType.team_members).toMatchObject({ max_value: 3, overage_price: 5 });
    expect(byType.websites).toMatchObject({ max_value: 1, overage_price: null });
    const enterprise = dataOf<Array<{ resource_type: string; max_value: number }>>(
      await get(`/api/plans/${ENTERPRISE_PLAN_ID}/limits`),
    );
    expect(enterprise.find((l) => l.resource_type === 'websites')?.max_value).toBe(-1);
  });

  it('gives features typed boolean, number or text', async () => {
    const features = dataOf<Array<{ feature_type: string; value: string }>>(
      await get(`/api/plans/${PRO_PLAN_ID}/features`),
    );
    expect(features.length).toBeGreaterThan(3);
    expect(new Set(features.map((f) => f.feature_type))).toEqual(new Set(['boolean', 'number', 'text']));
  });

  it.each(['', '/features', '/limits'])('answers NOT_FOUND for a plan that does not exist (%s)', async (suffix) => {
    expectError(await get(`/api/plans/550e8400-e29b-41d4-a716-446655449999${suffix}`), 'NOT_FOUND', 404);
  });

  it('answers VALIDATION_ERROR naming `id` for an id that is not a UUID', async () => {
    const answer = await get('/api/plans/pro');
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(answer.body.details).toEqual({ id: ['must be a plan id (UUID)'] });
  });
});

it('answered every route of the area, each answer valid against the OpenAPI document', () => {
  expectSuccessCovered(planRoutes);
});
