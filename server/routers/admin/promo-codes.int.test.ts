import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRO_PLAN_ID, STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { callerFor } from '@/test/callers';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { TEST_PLATFORM_ORG_ID, testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import { startTestStripe, type TestStripe } from '@/test/stripe';
import { bearer, mintToken } from '@/test/tokens';
import { REJECTION_MESSAGES, type PromoRejection } from '../../billing/promo-codes.rules';
import { redeemPromoCode } from '../../billing/promo-codes.service';
import type { ServiceDeps } from '../../trpc/context';
import { handleTrpcRequest } from '../../trpc/http';
import { refusal } from './admin-test-support';

let database: TestDatabase;
let stripe: TestStripe;
let deps: ServiceDeps;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  stripe = await startTestStripe(database.db);
  deps = testDeps(database.db, { payments: stripe.payments });
  server = await serveFetchHandler((request) => handleTrpcRequest(request, deps));
});
afterAll(async () => {
  await server.close();
  await stripe.stop();
  await database.destroy();
});

const HOUR = 3_600_000;
const admin = () => callerFor(deps, TEST_PLATFORM_ORG_ID, 'org:admin').admin.promoCodes;
/** A billing person of `org`, optionally living `offsetMs` in the future. */
const billing = (org: string, offsetMs = 0) =>
  callerFor(offsetMs ? { ...deps, clock: () => new Date(Date.now() + offsetMs) } : deps, org, 'org:billing');
const percent = (code: string, extra: Record<string, unknown> = {}) =>
  admin().create({ code, discountType: 'percent', percentOff: 20, duration: 'once', ...extra });
const validate = (org: string, code: string, planId = PRO_PLAN_ID, billingCycle: 'monthly' | 'yearly' = 'monthly') =>
  billing(org).promoCodes.validate({ code, planId, billingCycle });
const subscribeWith = (org: string, promoCode: string, planId = PRO_PLAN_ID) =>
  billing(org).subscriptions.create({ planId, billingCycle: 'monthly', paymentMethodId: 'pm_card_visa', promoCode });

describe('admin.promoCodes', () => {
  it('creates a code with its Stripe coupon and promotion code', async () => {
    const validUntil = new Date(Date.now() + 30 * 24 * HOUR).toISOString();
    const promo = await admin().create({
      code: 'spring25',
      description: 'Spring sale',
      discountType: 'percent',
      percentOff: 25,
      duration: 'repeating',
      durationInMonths: 3,
      maxRedemptions: 100,
      planIds: [PRO_PLAN_ID],
      billingCycle: 'monthly',
      validUntil,
    });
    expect(promo).toMatchObject({
      code: 'SPRING25',
      percentOff: 25,
      amountOff: null,
      timesRedeemed: 0,
      redemptionsLeft: 100,
      oncePerOrganization: true,
      isActive: true,
      inStripe: true,
      validUntil,
    });
    const coupon = await stripe.stripe.coupons.retrieve(promo.stripeCouponId!);
    expect(coupon).toMatchObject({ percent_off: 25, duration: 'repeating', duration_in_months: 3 });
    const promotion = await stripe.stripe.promotionCodes.retrieve(promo.stripePromotionCodeId!);
    expect(promotion).toMatchObject({ code: 'SPRING25', active: true });
    expect((await admin().list()).map((p) => p.code)).toContain('SPRING25');
  });

  it('creates a fixed amount off in its currency, forever', async () => {
    const promo = await admin().create({
      code: 'TENOFF',
      discountType: 'amount',
      amountOff: 1000,
      currency: 'USD',
      duration: 'forever',
    });
    expect(promo).toMatchObject({ amountOff: 1000, currency: 'usd', percentOff: null, duration: 'forever' });
    expect(await stripe.stripe.coupons.retrieve(promo.stripeCouponId!)).toMatchObject({
      amount_off: 1000,
      currency: 'usd',
      duration: 'forever',
    });
  });

  it('answers inconsistent terms over HTTP with a field error for each, and refuses a code that exists', async () => {
    const token = await mintToken({ orgId: TEST_PLATFORM_ORG_ID, role: 'org:admin' });
    const response = await fetch(`${server.url}/api/trpc/admin.promoCodes.create`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'x!', discountType: 'amount', duration: 'repeating', validFrom: 'soon' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { data: { code: string; fieldErrors: Record<string, string[]> } };
    };
    expect(body.error.data.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual([
      'amountOff',
      'code',
      'currency',
      'durationInMonths',
      'validFrom',
    ]);
    expect(await refusal(admin().create({ code: 'A1B', discountType: 'amount', duration: 'repeating' }))).toMatchObject(
      {
        fieldErrors: {
          amountOff: ['enter the amount off'],
          currency: [expect.any(String)],
          durationInMonths: [expect.any(String)],
        },
      },
    );
    expect(await refusal(percent('spring25'))).toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { code: ['already exists'] },
    });
  });

  it('edits restrictions; deactivating switches the Stripe promotion code off, and on again', async () => {
    const promo = await percent('TOGGLE', { maxRedemptions: 5 });
    const edited = await admin().update({
      id: promo.id,
      description: 'Edited',
      maxRedemptions: 50,
      firstTimeOnly: true,
    });
    expect(edited).toMatchObject({ description: 'Edited', maxRedemptions: 50, firstTimeOnly: true, isActive: true });

    expect(await admin().deactivate({ id: promo.id })).toMatchObject({ isActive: false });
    expect((await stripe.stripe.promotionCodes.retrieve(promo.stripePromotionCodeId!)).active).toBe(false);
    expect(await validate('org_toggle', 'toggle')).toMatchObject({ valid: false, reason: 'inactive' });

    expect(await admin().update({ id: promo.id, isActive: true })).toMatchObject({ isActive: true });
    expect((await stripe.stripe.promotionCodes.retrieve(promo.stripePromotionCodeId!)).active).toBe(true);
    const audit = await database.query<{ action: string }>(
      `select action from audit_log where target_id = '${promo.id}' order by created_at`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'promo_code.created',
      'promo_code.updated',
      'promo_code.deactivated',
      'promo_code.updated',
    ]);
  });

  it('puts an inactive code in Stripe only when it is switched on', async () => {
    const promo = await percent('LATER', { isActive: false });
    expect(promo).toMatchObject({ isActive: false, inStripe: false });
    const on = await admin().update({ id: promo.id, isActive: true });
    expect(on.inStripe).toBe(true);
    expect((await stripe.stripe.promotionCodes.retrieve(on.stripePromotionCodeId!)).active).toBe(true);
  });

  it('refuses a cap below the redemptions already counted', async () => {
    const promo = await percent('CAPPED', { maxRedemptions: 3 });
    await subscribeWith('org_capped_1', 'CAPPED');
    await subscribeWith('org_capped_2', 'CAPPED');
    expect(await refusal(admin().update({ id: promo.id, maxRedemptions: 1 }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      fieldErrors: { maxRedemptions: ['at least 2, the redemptions so far'] },
    });
    expect(await admin().update({ id: promo.id, maxRedemptions: 2 })).toMatchObject({ redemptionsLeft: 0 });
    expect((await admin().get({ id: promo.id })).maxRedemptions).toBe(2);
  });
});

describe('promoCodes.validate', () => {
  it('gives the discounted amounts when a code applies', async () => {
    await percent('TWENTY');
    expect(await validate('org_fresh', 'twenty')).toMatchObject({
      valid: true,
      reason: null,
      currency: 'usd',
      price: 9900,
      discount: 1980,
      discountedPrice: 7920,
    });
    await admin().create({
      code: 'FIVEOFF',
      discountType: 'amount',
      amountOff: 500,
      currency: 'usd',
      duration: 'once',
    });
    expect(await validate('org_fresh', 'FIVEOFF', STARTER_PLAN_ID, 'yearly')).toMatchObject({
      valid: true,
      price: 29000,
      discount: 500,
      discountedPrice: 28500,
    });
  });

  it('says why a code does not apply, for every reason', async () => {
    const soon = Date.now() + HOUR;
    await percent('ENDSSOON', { validUntil: new Date(soon).toISOString() });
    await percent('NOTYET', { validFrom: new Date(soon).toISOString() });
    await percent('ONLYONE', { maxRedemptions: 1 });
    await percent('STARTERONLY', { planIds: [STARTER_PLAN_ID] });
    await percent('YEARLYONLY', { billingCycle: 'yearly' });
    await percent('ONCEPERORG');
    await percent('NEWCUSTOMERS', { firstTimeOnly: true });
    await admin().create({ code: 'EUROS', discountType: 'amount', amountOff: 500, currency: 'eur', duration: 'once' });
    await subscribeWith('org_used_it', 'ONCEPERORG');
    await subscribeWith('org_took_the_one', 'ONLYONE');

    const expectations: Array<[string, string, PromoRejection]> = [
      ['org_later', 'ENDSSOON', 'expired'],
      ['org_other', 'NOTYET', 'not_yet_valid'],
      ['org_other', 'ONLYONE', 'used_up'],
      ['org_other', 'STARTERONLY', 'wrong_plan'],
      ['org_other', 'YEARLYONLY', 'wrong_cycle'],
      ['org_other', 'EUROS', 'wrong_currency'],
      ['org_used_it', 'ONCEPERORG', 'already_used'],
      ['org_used_it', 'NEWCUSTOMERS', 'not_first_purchase'],
      ['org_other', 'BLACKFRIDAY', 'inactive'],
    ];
    for (const [org, code, reason] of expectations) {
      const caller = org === 'org_later' ? billing(org, 2 * HOUR) : billing(org);
      const result = await caller.promoCodes.validate({ code, planId: PRO_PLAN_ID, billingCycle: 'monthly' });
      expect(result, code).toMatchObject({
        valid: false,
        reason,
        message: REJECTION_MESSAGES[reason],
        discount: 0,
        discountedPrice: 9900,
      });
    }
    await expect(validate('org_other', 'NOSUCHCODE')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The same reasons stop a purchase, before anything reaches Stripe.
    expect(await refusal(subscribeWith('org_other', 'STARTERONLY'))).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: REJECTION_MESSAGES.wrong_plan,
      fieldErrors: { promoCode: ['wrong_plan'] },
    });
  });
});

describe('the last redemption', () => {
  it('goes to exactly one of 10 organizations subscribing at once; the others are told the code is used up', async () => {
    const promo = await percent('LASTONE', { maxRedemptions: 2 });
    await subscribeWith('org_race_first', 'LASTONE');
    const orgs = Array.from({ length: 10 }, (_, i) => `org_race_${i}`);
    const results = await Promise.allSettled(orgs.map((org) => subscribeWith(org, 'LASTONE')));

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as Error).message)).toEqual(Array(9).fill(REJECTION_MESSAGES.used_up));
    expect(lost.every((r) => ['CONFLICT', 'BAD_REQUEST'].includes((r.reason as { code: string }).code))).toBe(true);

    expect((await admin().get({ id: promo.id })).timesRedeemed).toBe(2);
    const [{ count }] = (await database.query<{ count: string }>(
      `select count(*) from promo_redemptions where promo_code_id = '${promo.id}'`,
    )) as [{ count: string }];
    expect(Number(count)).toBe(2);
    const live = await database.query<{ organization_id: string }>(
      `select organization_id from subscriptions where organization_id like 'org_race_%' and organization_id <> 'org_race_first'`,
    );
    expect(live).toHaveLength(1);
  });

  it('is counted once when 10 redemptions race directly for it', async () => {
    const promo = await percent('DIRECT', { maxRedemptions: 1 });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        database.db.transaction((tx) =>
          redeemPromoCode(tx, {
            promoCodeId: promo.id,
            organizationId: `org_direct_${i}`,
            subscriptionId: crypto.randomUUID(),
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => (r.reason as Error).message),
    ).toEqual(Array(9).fill(REJECTION_MESSAGES.used_up));
    expect((await admin().get({ id: promo.id })).timesRedeemed).toBe(1);
  });
});
