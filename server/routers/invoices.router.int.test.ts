import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import type { UserPrincipal } from '../auth/principal';
import { createInnerContext, type ServiceDeps } from '../trpc/context';
import { createCaller } from './_app';

let database: TestDatabase;
let deps: ServiceDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database.db);
});
afterAll(() => database.destroy());

const member = (orgId: string): UserPrincipal => ({
  kind: 'user',
  userId: `user_${orgId}`,
  sessionId: 'sess',
  orgId,
  orgRole: 'org:member',
  orgSlug: null,
});
const as = (orgId: string) =>
  createCaller(createInnerContext(deps, { requestId: 'req-invoices', principal: member(orgId) }));

let sequence = 0;
async function invoice(
  organizationId: string,
  status: 'open' | 'paid' | 'void',
  amountRemaining: number,
  createdAt: string,
) {
  sequence += 1;
  await database.db.insert(invoices).values({
    organizationId,
    status,
    currency: 'usd',
    total: 4900,
    amountDue: 4900,
    amountRemaining,
    amountPaid: 4900 - amountRemaining,
    number: `INV-${sequence}`,
    stripeInvoiceId: `in_settle_${sequence}`,
    stripeCreatedAt: new Date(createdAt),
  });
}

describe('invoices.toSettle', () => {
  it('is null when nothing is due', async () => {
    await invoice('org_settled', 'paid', 0, '2026-01-01T00:00:00Z');
    expect(await as('org_settled').invoices.toSettle()).toBeNull();
  });

  it('finds the oldest open invoice with an amount due, even behind a long invoice history', async () => {
    await invoice('org_late', 'open', 4900, '2025-06-01T00:00:00Z');
    for (let month = 1; month <= 30; month++)
      await invoice(
        'org_late',
        'paid',
        0,
        `2026-${String((month % 12) + 1).padStart(2, '0')}-0${(month % 9) + 1}T00:00:00Z`,
      );
    await invoice('org_late', 'open', 4900, '2026-11-01T00:00:00Z');
    await invoice('org_late', 'open', 0, '2025-01-01T00:00:00Z');
    await invoice('org_late', 'void', 4900, '2025-02-01T00:00:00Z');

    expect(
      (await as('org_late').invoices.list({ limit: 20 })).items.some(
        (i) => i.status === 'open' && i.amountRemaining > 0 && i.createdAt?.startsWith('2025-06'),
      ),
    ).toBe(false);
    expect(await as('org_late').invoices.toSettle()).toMatchObject({
      status: 'open',
      amountRemaining: 4900,
      createdAt: '2025-06-01T00:00:00.000Z',
    });
  });

  it("never shows another organization's invoice", async () => {
    await invoice('org_other', 'open', 1200, '2024-01-01T00:00:00Z');
    expect(await as('org_settled').invoices.toSettle()).toBeNull();
    expect((await as('org_late').invoices.toSettle())?.amountRemaining).toBe(4900);
  });
});
