import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { ENTERPRISE_PLAN_ID, PRO_PLAN_ID, STARTER_PLAN_ID } from './sample-catalog';
import { seedSampleCatalog } from './seed-catalog';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

const TABLES = ['plans', 'plan_prices', 'plan_features', 'plan_limits', 'promo_codes'];

async function snapshot() {
  const result: Record<string, unknown[]> = {};
  for (const table of TABLES) result[table] = await database.query(`select * from ${table} order by id`);
  return result;
}

describe('seedSampleCatalog', () => {
  it('loads the three plans with fixed ids, prices, limits and the promo codes', async () => {
    const first = await seedSampleCatalog(database.db);
    expect(first.inserted).toBeGreaterThan(40);
    const plans = await database.query<{ id: string; name: string }>('select id, name from plans order by sort_order');
    expect(plans).toEqual([
      { id: STARTER_PLAN_ID, name: 'starter' },
      { id: PRO_PLAN_ID, name: 'pro' },
      { id: ENTERPRISE_PLAN_ID, name: 'enterprise' },
    ]);
    const prices = await database.query<{ unit_amount: string | number }>(
      `select unit_amount from plan_prices where plan_id = '${PRO_PLAN_ID}' order by billing_cycle`,
    );
    expect(prices.map((p) => Number(p.unit_amount))).toEqual([9900, 99000]);
    const codes = await database.query<{ code: string; is_active: boolean }>(
      'select code, is_active from promo_codes order by code',
    );
    expect(codes).toEqual([
      { code: 'BLACKFRIDAY', is_active: false },
      { code: 'SAVE50', is_active: true },
      { code: 'WELCOME20', is_active: true },
    ]);
  });

  it('changes nothing when run a second time', async () => {
    const before = await snapshot();
    const second = await seedSampleCatalog(database.db, new Date('2030-01-01T00:00:00Z'));
    expect(second.inserted).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});
