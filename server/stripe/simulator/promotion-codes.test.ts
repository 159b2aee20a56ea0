import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const FEB_15 = 1_897_344_000;
const MAR_15 = 1_899_763_200;
const APR_15 = 1_902_441_600;

async function subscribeWith(
  discounts: Stripe.SubscriptionCreateParams.Discount[],
  unitAmount = 1500,
  product?: string,
) {
  const { clock, customer } = await h.customerOnClock();
  const price = await h.monthlyPrice(unitAmount, product ? { product } : {});
  const sub = await h.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
    discounts,
    expand: ['latest_invoice'],
  });
  return { clock, customer, sub, invoice: sub.latest_invoice as Stripe.Invoice };
}

async function renewalTotal(sub: Stripe.Subscription) {
  return (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data[0]?.total;
}

describe('promotion codes and coupons', () => {
  it('a percent-off promotion code discounts every invoice and counts the redemption', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 20, duration: 'forever' });
    const promo = await h.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code: 'SAVE20',
    });
    expect(promo).toMatchObject({ code: 'SAVE20', active: true, promotion: { type: 'coupon', coupon: coupon.id } });
    const { clock, sub, invoice } = await subscribeWith([{ promotion_code: promo.id }]);
    expect(invoice).toMatchObject({ subtotal: 1500, total: 1200, amount_paid: 1200 });
    expect(invoice.total_discount_amounts).toEqual([{ amount: 300, discount: sub.discounts[0] }]);
    expect(invoice.lines.data[0]?.discount_amounts).toEqual([{ amount: 300, discount: sub.discounts[0] }]);
    const discount = (await h.stripe.subscriptions.retrieve(sub.id, { expand: ['discounts'] }))
      .discounts[0] as Stripe.Discount;
    expect(discount).toMatchObject({
      object: 'discount',
      promotion_code: promo.id,
      source: { type: 'coupon', coupon: coupon.id },
    });
    expect(await h.stripe.promotionCodes.retrieve(promo.id)).toMatchObject({ times_redeemed: 1 });
    expect(await h.stripe.coupons.retrieve(coupon.id)).toMatchObject({ times_redeemed: 1, valid: true });
    await h.advance(clock.id, FEB_15 + 7200);
    expect(await renewalTotal(sub)).toBe(1200);
    expect((await h.stripe.promotionCodes.list({ code: 'SAVE20' })).data.map((p) => p.id)).toEqual([promo.id]);
  });

  it('rounds a percentage half-up once per invoice', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 15, duration: 'forever' });
    const { invoice } = await subscribeWith([{ coupon: coupon.id }], 1530); // 15% of 1530 = 229.5 → 230
    expect(invoice).toMatchObject({ subtotal: 1530, total: 1300 });
  });

  it('an amount-off coupon used once applies to the first invoice only', async () => {
    const coupon = await h.stripe.coupons.create({ amount_off: 500, currency: 'usd', duration: 'once' });
    const { clock, sub, invoice } = await subscribeWith([{ coupon: coupon.id }]);
    expect(invoice.total).toBe(1000);
    await h.advance(clock.id, FEB_15 + 7200);
    expect(await renewalTotal(sub)).toBe(1500);
  });

  it('a repeating coupon stops after its months', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 50, duration: 'repeating', duration_in_months: 2 });
    const { clock, sub, invoice } = await subscribeWith([{ coupon: coupon.id }]);
    expect(invoice.total).toBe(750);
    await h.advance(clock.id, FEB_15 + 7200);
    expect(await renewalTotal(sub)).toBe(750);
    await h.advance(clock.id, MAR_15 + 7200);
    expect(await renewalTotal(sub)).toBe(1500);
    await h.advance(clock.id, APR_15 + 7200);
    expect(await renewalTotal(sub)).toBe(1500);
  });

  it('max_redemptions is enforced: the code is refused once used up, and no subscription is made', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 10, duration: 'forever' });
    const promo = await h.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      max_redemptions: 1,
    });
    await subscribeWith([{ promotion_code: promo.id }]);
    const { customer } = await h.customerOnClock();
    const price = await h.monthlyPrice(1500);
    await expect(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: price.id }],
        discounts: [{ promotion_code: promo.id }],
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      param: 'discounts[0][promotion_code]',
      message: expect.stringContaining('maximum number of redemptions'),
    });
    expect((await h.stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);

    const limited = await h.stripe.coupons.create({ percent_off: 10, max_redemptions: 1 });
    await subscribeWith([{ coupon: limited.id }]);
    expect(await h.stripe.coupons.retrieve(limited.id)).toMatchObject({ valid: false, times_redeemed: 1 });
    await expect(subscribeWith([{ coupon: limited.id }])).rejects.toMatchObject({
      code: 'coupon_expired',
      param: 'discounts[0][coupon]',
    });
  });

  it('restrictions: first-time customers only, a minimum amount, an expiry', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 10 });
    const firstTime = await h.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      restrictions: { first_time_transaction: true },
    });
    const { customer } = await subscribeWith([]);
    const price = await h.monthlyPrice(1500);
    await expect(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: price.id }],
        discounts: [{ promotion_code: firstTime.id }],
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('prior transactions') });

    const minimum = await h.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      restrictions: { minimum_amount: 2000, minimum_amount_currency: 'usd' },
    });
    await expect(subscribeWith([{ promotion_code: minimum.id }], 1500)).rejects.toMatchObject({
      message: expect.stringContaining('minimum'),
    });
    expect((await subscribeWith([{ promotion_code: minimum.id }], 2500)).invoice.total).toBe(2250);

    // Test clocks start in 2030, after this code (valid for a day of real time) has expired.
    const expiring = await h.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      expires_at: Math.floor(Date.now() / 1000) + 86_400,
    });
    await expect(subscribeWith([{ promotion_code: expiring.id }])).rejects.toMatchObject({
      message: expect.stringContaining('expired'),
    });
  });

  it('a coupon limited to some products does not discount others', async () => {
    const product = await h.stripe.products.create({ name: 'Eligible' });
    const coupon = await h.stripe.coupons.create({ percent_off: 50, applies_to: { products: [product.id] } });
    expect((await subscribeWith([{ coupon: coupon.id }], 1500, product.id)).invoice.total).toBe(750);
    expect((await subscribeWith([{ coupon: coupon.id }], 1500)).invoice.total).toBe(1500);
  });

  it('accepts the pre-clover coupon parameter and refuses a duplicate active code', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 5 });
    const legacy = await h.stripe.rawRequest('POST', '/v1/promotion_codes', { coupon: coupon.id, code: 'LEGACY5' });
    expect(legacy).toMatchObject({ code: 'LEGACY5', promotion: { coupon: coupon.id } });
    await expect(
      h.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'legacy5' }),
    ).rejects.toMatchObject({ param: 'code' });
    const updated = await h.stripe.promotionCodes.update(String(legacy.id), {
      active: false,
      metadata: { reason: 'ended' },
    });
    expect(updated).toMatchObject({ active: false, metadata: { reason: 'ended' } });
  });
});
