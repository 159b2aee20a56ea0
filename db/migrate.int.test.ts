import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { pendingMigrations } from './migrate';
import { billingCustomers, invoices, paymentMethods, promoCodes, subscriptions } from './schema';
import { PRO_PLAN_ID, STARTER_PLAN_ID } from './seed/sample-catalog';
import { seedSampleCatalog } from './seed/seed-catalog';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
});
afterAll(() => database.destroy());

const sub = (organizationId: string, status: (typeof subscriptions.$inferInsert)['status']) => ({
  organizationId,
  planId: STARTER_PLAN_ID,
  billingCycle: 'monthly' as const,
  status,
});

/** The database error behind drizzle's wrapper, whichever driver raised it. */
async function constraintOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { constraint?: string; constraint_name?: string } }).cause;
    return cause?.constraint ?? cause?.constraint_name ?? String((error as Error).message);
  }
  return undefined;
}

describe('migrations', () => {
  it('leave nothing pending once applied', async () => {
    expect(await pendingMigrations(database)).toEqual([]);
  });

  it('store timestamps with time zone everywhere', async () => {
    const rows = await database.query<{ table_name: string; column_name: string }>(`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type = 'timestamp without time zone'`);
    expect(rows).toEqual([]);
  });
});

describe('schema constraints', () => {
  it('allow one live subscription per organization, any number of ended ones', async () => {
    await database.db.insert(subscriptions).values(sub('org_live', 'canceled'));
    await database.db.insert(subscriptions).values(sub('org_live', 'incomplete_expired'));
    await database.db.insert(subscriptions).values(sub('org_live', 'active'));
    expect(await constraintOf(database.db.insert(subscriptions).values(sub('org_live', 'trialing')))).toMatch(
      /subscriptions_one_live_per_org_key/,
    );
    await database.db.insert(subscriptions).values(sub('org_other', 'past_due'));
  });

  it('reject unknown statuses, cycles and negative amounts', async () => {
    const bad = { ...sub('org_bad', 'active'), status: 'bogus' } as never;
    expect(await constraintOf(database.db.insert(subscriptions).values(bad))).toMatch(/subscriptions_status_check/);
    expect(
      await constraintOf(
        database.db
          .insert(invoices)
          .values({ organizationId: 'org_bad', status: 'open', currency: 'usd', amountDue: -1 }),
      ),
    ).toMatch(/invoices_amounts_check/);
  });

  it('reject subscriptions to plans that do not exist', async () => {
    const orphan = { ...sub('org_orphan', 'active'), planId: '00000000-0000-0000-0000-000000000000' };
    expect(await constraintOf(database.db.insert(subscriptions).values(orphan))).toMatch(/plan_id/);
  });

  it('keep Stripe ids unique', async () => {
    await database.db.insert(billingCustomers).values({ organizationId: 'org_a', stripeCustomerId: 'cus_same' });
    expect(
      await constraintOf(
        database.db.insert(billingCustomers).values({ organizationId: 'org_b', stripeCustomerId: 'cus_same' }),
      ),
    ).toMatch(/stripe_customer_id/);
  });

  it('allow one default payment method per organization', async () => {
    const card = (id: string, isDefault: boolean) => ({
      organizationId: 'org_cards',
      stripePaymentMethodId: id,
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2030,
      isDefault,
    });
    await database.db.insert(paymentMethods).values([card('pm_1', true), card('pm_2', false)]);
    expect(await constraintOf(database.db.insert(paymentMethods).values(card('pm_3', true)))).toMatch(
      /payment_methods_one_default_key/,
    );
  });

  it('never let promo redemptions pass the cap', async () => {
    const [promo] = await database.db
      .insert(promoCodes)
      .values({ code: 'CAPPED', discountType: 'percent', percentOff: '10', duration: 'once', maxRedemptions: 1 })
      .returning();
    await database.db
      .update(promoCodes)
      .set({ timesRedeemed: 1 })
      .where(sql`id = ${promo!.id}`);
    expect(
      await constraintOf(
        database.db
          .update(promoCodes)
          .set({ timesRedeemed: 2 })
          .where(sql`id = ${promo!.id}`),
      ),
    ).toMatch(/promo_codes_redemptions_check/);
  });

  it('have the sample plans with their fixed ids', async () => {
    const rows = await database.query<{ id: string }>('select id from plans order by sort_order');
    expect(rows.map((r) => r.id)).toContain(PRO_PLAN_ID);
  });
});
