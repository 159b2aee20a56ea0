import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plans } from '@/db/schema';
import { ENTERPRISE_PLAN_ID, PRO_PLAN_ID, STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { callerFor } from '@/test/callers';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import { serveFetchHandler } from '@/test/http-server';
import { bearer, mintToken } from '@/test/tokens';
import { handleTrpcRequest } from '../trpc/http';
import { startTestStripe, type TestStripe } from '@/test/stripe';
import type { ServiceDeps } from '../trpc/context';

let database: TestDatabase;
let stripe: TestStripe;
let deps: ServiceDeps;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  stripe = await startTestStripe(database.db);
  deps = testDeps(database.db, { payments: stripe.payments });
});
afterAll(async () => {
  await stripe.stop();
  await database.destroy();
});

const billing = (org: string) => callerFor(deps, org, 'org:billing');

async function stripeSubscriptionsOf(customerId: string) {
  return (await stripe.stripe.subscriptions.list({ customer: customerId, status: 'all' })).data;
}

describe('subscribing', () => {
  it('subscribes to Pro with a test card: active, paid, the card on file as default', async () => {
    const sub = await billing('org_sub').subscriptions.create({
      planId: PRO_PLAN_ID,
      billingCycle: 'monthly',
      paymentMethodId: 'pm_card_visa',
    });
    expect(sub).toMatchObject({ status: 'active', planId: PRO_PLAN_ID, billingCycle: 'monthly', unitAmount: 9900 });
    expect(sub.plan.displayName).toBe('Professional');
    expect(sub.stripeSubscriptionId).toMatch(/^sub_/);
    expect(await billing('org_sub').subscriptions.current()).toMatchObject({ id: sub.id, status: 'active' });
    const cards = await billing('org_sub').paymentMethods.list();
    expect(cards).toEqual([expect.objectContaining({ brand: 'visa', last4: '4242', isDefault: true })]);
    const remote = await stripe.stripe.subscriptions.retrieve(sub.stripeSubscriptionId!, {
      expand: ['latest_invoice'],
    });
    expect(remote.status).toBe('active');
    expect((remote.latest_invoice as { status: string; amount_paid: number }).amount_paid).toBe(9900);
    const audit = await database.query<{ action: string }>(
      `select action from audit_log where organization_id = 'org_sub'`,
    );
    expect(audit.map((a) => a.action)).toContain('subscription.created');
  });

  it('starts a trial when the plan has trial days', async () => {
    await database.db.update(plans).set({ trialDays: 14 }).where(eq(plans.id, STARTER_PLAN_ID));
    try {
      const now = Date.now();
      const sub = await billing('org_trial').subscriptions.create({ planId: STARTER_PLAN_ID, billingCycle: 'monthly' });
      expect(sub.status).toBe('trialing');
      const trialDays = (Date.parse(sub.trialEndsAt!) - now) / 86_400_000;
      expect(trialDays).toBeGreaterThan(13.9);
      expect(trialDays).toBeLessThan(14.1);
    } finally {
      await database.db.update(plans).set({ trialDays: 0 }).where(eq(plans.id, STARTER_PLAN_ID));
    }
  });

  it('declines a bad card with PAYMENT_FAILED and Stripe’s reason, leaving nothing behind', async () => {
    const error = await billing('org_declined')
      .subscriptions.create({
        planId: PRO_PLAN_ID,
        billingCycle: 'monthly',
        paymentMethodId: 'pm_card_chargeDeclinedInsufficientFunds',
      })
      .catch((e: unknown) => e as { code: string; message: string; cause?: { details?: unknown } });
    expect(error).toMatchObject({ code: 'PAYMENT_REQUIRED', message: expect.stringMatching(/insufficient funds/) });
    expect(await billing('org_declined').subscriptions.current()).toBeNull();
    const rows = await database.query(`select id from subscriptions where organization_id = 'org_declined'`);
    expect(rows).toEqual([]);
    const [customer] = await database.query<{ stripe_customer_id: string }>(
      `select stripe_customer_id from billing_customers where organization_id = 'org_declined'`,
    );
    const live = (await stripeSubscriptionsOf(customer!.stripe_customer_id)).filter(
      (s) => s.status !== 'incomplete_expired',
    );
    expect(live).toEqual([]);
    // The organization can still subscribe with a good card afterwards.
    const sub = await billing('org_declined').subscriptions.create({
      planId: PRO_PLAN_ID,
      billingCycle: 'monthly',
      paymentMethodId: 'pm_card_visa',
    });
    expect(sub.status).toBe('active');
  });

  it('gives one subscription to 20 concurrent creates, and CONFLICT to the rest', async () => {
    await billing('org_race').paymentMethods.attach({ paymentMethodId: 'pm_card_visa' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        billing('org_race').subscriptions.create({ planId: STARTER_PLAN_ID, billingCycle: 'monthly' }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as { code: string }).code)).toEqual(Array(19).fill('CONFLICT'));
    const [customer] = await database.query<{ stripe_customer_id: string }>(
      `select stripe_customer_id from billing_customers where organization_id = 'org_race'`,
    );
    expect(await stripeSubscriptionsOf(customer!.stripe_customer_id)).toHaveLength(1);
  });

  it('refuses a second subscription and a plan that does not exist', async () => {
    await expect(
      billing('org_sub').subscriptions.create({ planId: STARTER_PLAN_ID, billingCycle: 'monthly' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      billing('org_x').subscriptions.create({
        planId: '00000000-0000-4000-8000-000000000000',
        billingCycle: 'monthly',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('needs a card when there is no trial', async () => {
    await expect(
      billing('org_nocard').subscriptions.create({ planId: STARTER_PLAN_ID, billingCycle: 'monthly' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Add a payment method to subscribe' });
    expect(await database.query(`select id from subscriptions where organization_id = 'org_nocard'`)).toEqual([]);
  });
});

describe('changing plans', () => {
  it('upgrades now with proration: the preview and the charge agree to the cent', async () => {
    const org = 'org_upgrade';
    await billing(org).subscriptions.create({
      planId: STARTER_PLAN_ID,
      billingCycle: 'monthly',
      paymentMethodId: 'pm_card_visa',
    });
    const preview = await billing(org).subscriptions.previewChange({ planId: PRO_PLAN_ID, billingCycle: 'monthly' });
    expect(preview.kind).toBe('upgrade');
    const credit = preview.lines.find((l) => l.amount < 0)!;
    const charge = preview.lines.find((l) => l.amount > 0 && l.proration)!;
    expect(credit.proration && charge.proration).toBe(true);
    expect(credit.amount).toBeLessThanOrEqual(0);
    expect(credit.amount).toBeGreaterThanOrEqual(-2900);
    expect(charge.amount).toBeLessThanOrEqual(9900);
    expect(preview.dueNow).toBe(credit.amount + charge.amount);
    expect(preview.nextInvoiceAmount).toBe(9900);

    const changed = await billing(org).subscriptions.changePlan({
      planId: PRO_PLAN_ID,
      billingCycle: 'monthly',
      prorationDate: preview.prorationDate,
    });
    expect(changed).toMatchObject({ planId: PRO_PLAN_ID, status: 'active', pendingChange: null });
    const remote = await stripe.stripe.subscriptions.retrieve(changed.stripeSubscriptionId!, {
      expand: ['latest_invoice'],
    });
    const invoice = remote.latest_invoice as { amount_paid: number; billing_reason: string; status: string };
    expect(invoice).toMatchObject({ status: 'paid', billing_reason: 'subscription_update' });
    expect(invoice.amount_paid).toBe(preview.dueNow);
  });

  it('downgrades at the period end as a pending change that can be undone', async () => {
    const org = 'org_downgrade';
    const sub = await billing(org).subscriptions.create({
      planId: ENTERPRISE_PLAN_ID,
      billingCycle: 'monthly',
      paymentMethodId: 'pm_card_visa',
    });
    const preview = await billing(org).subscriptions.previewChange({
      planId: STARTER_PLAN_ID,
      billingCycle: 'monthly',
    });
    expect(preview).toMatchObject({ kind: 'downgrade', dueNow: 0, nextInvoiceAmount: 2900 });
    expect(preview.effectiveAt).toBe(sub.currentPeriodEnd);

    const pending = await billing(org).subscriptions.changePlan({ planId: STARTER_PLAN_ID, billingCycle: 'monthly' });
    expect(pending.planId).toBe(ENTERPRISE_PLAN_ID);
    expect(pending.pendingChange).toMatchObject({
      planId: STARTER_PLAN_ID,
      billingCycle: 'monthly',
      effectiveAt: sub.currentPeriodEnd,
    });
    const undone = await billing(org).subscriptions.cancelPendingChange();
    expect(undone.pendingChange).toBeNull();
    await expect(billing(org).subscriptions.cancelPendingChange()).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      billing(org).subscriptions.changePlan({ planId: ENTERPRISE_PLAN_ID, billingCycle: 'monthly' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('cancelling', () => {
  it('cancels at the period end, resumes, then cancels immediately', async () => {
    const org = 'org_cancel';
    await billing(org).subscriptions.create({
      planId: PRO_PLAN_ID,
      billingCycle: 'yearly',
      paymentMethodId: 'pm_card_mastercard',
    });
    const ending = await billing(org).subscriptions.cancel();
    expect(ending).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    await expect(billing(org).subscriptions.cancel()).rejects.toMatchObject({ code: 'CONFLICT' });
    const resumed = await billing(org).subscriptions.resume();
    expect(resumed.cancelAtPeriodEnd).toBe(false);
    await expect(billing(org).subscriptions.resume()).rejects.toMatchObject({ code: 'CONFLICT' });
    const ended = await billing(org).subscriptions.cancel({ immediately: true });
    expect(ended.status).toBe('canceled');
    expect((await billing(org).subscriptions.current())?.status).toBe('canceled');
    // A canceled organization may subscribe again.
    const again = await billing(org).subscriptions.create({ planId: STARTER_PLAN_ID, billingCycle: 'monthly' });
    expect(again.status).toBe('active');
  });
});

describe('payment methods', () => {
  it("refuses a declined card with Stripe's reason, and keeps nothing of it", async () => {
    const org = 'org_card_declined';
    const error = await billing(org)
      .paymentMethods.attach({ paymentMethodId: 'pm_card_chargeDeclined' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PAYMENT_REQUIRED', message: expect.stringMatching(/declined/i) });
    expect(await billing(org).paymentMethods.list()).toEqual([]);
  });

  it('says so over HTTP too, with our PAYMENT_FAILED code and status 402', async () => {
    const server = await serveFetchHandler((request) => handleTrpcRequest(request, deps));
    try {
      const token = await mintToken({ orgId: 'org_card_declined_http', role: 'org:billing' });
      const response = await fetch(`${server.url}/api/trpc/paymentMethods.attach`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({ paymentMethodId: 'pm_card_chargeDeclined' }),
      });
      const body = (await response.json()) as { error: { message: string; data: { code: string } } };
      expect(response.status).toBe(402);
      expect(body.error).toMatchObject({
        message: expect.stringMatching(/declined/i),
        data: { code: 'PAYMENT_FAILED' },
      });
    } finally {
      await server.close();
    }
  });
});

describe('tenancy', () => {
  it('never lets another organization see or touch a subscription, card or invoice', async () => {
    const cardOfA = (await billing('org_sub').paymentMethods.list())[0]!;
    const intruder = billing('org_intruder');
    expect(await intruder.subscriptions.current()).toBeNull();
    expect(await intruder.paymentMethods.list()).toEqual([]);
    expect((await intruder.invoices.list()).items).toEqual([]);
    await expect(intruder.subscriptions.cancel()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(intruder.paymentMethods.setDefault({ id: cardOfA.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(intruder.paymentMethods.remove({ id: cardOfA.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      intruder.paymentMethods.attach({ paymentMethodId: cardOfA.stripePaymentMethodId }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(intruder.subscriptions.current({ organizationId: 'org_sub' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await billing('org_sub').paymentMethods.list())[0]).toMatchObject({ id: cardOfA.id, isDefault: true });
  });
});
