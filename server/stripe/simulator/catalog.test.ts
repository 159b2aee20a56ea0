import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('products and prices', () => {
  it('monthly and yearly prices found by lookup key, with expanded products', async () => {
    const product = await h.stripe.products.create({ name: 'Team', metadata: { tier: 'team' } });
    const monthly = await h.stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 2900,
      recurring: { interval: 'month' },
      lookup_key: 'team_monthly',
    });
    const yearly = await h.stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount_decimal: Stripe.Decimal.from('29000.5'),
      recurring: { interval: 'year' },
      lookup_key: 'team_yearly',
    });
    expect(yearly).toMatchObject({
      unit_amount: null,
      recurring: { interval: 'year', interval_count: 1 },
      type: 'recurring',
    });
    expect(String(yearly.unit_amount_decimal)).toBe('29000.5');
    const found = await h.stripe.prices.list({
      lookup_keys: ['team_monthly', 'team_yearly'],
      expand: ['data.product'],
    });
    expect(found.data.map((p) => p.id)).toEqual([yearly.id, monthly.id]);
    expect((found.data[0]?.product as Stripe.Product).name).toBe('Team');
    expect((await h.stripe.prices.list({ product: product.id, active: true })).data).toHaveLength(2);
  });

  it('a lookup key is unique unless transferred; archived prices drop out of active lists', async () => {
    const product = await h.stripe.products.create({ name: 'Solo' });
    const old = await h.stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 900,
      lookup_key: 'solo',
    });
    await expect(
      h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1200, lookup_key: 'solo' }),
    ).rejects.toMatchObject({ param: 'lookup_key' });
    const moved = await h.stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 1200,
      lookup_key: 'solo',
      transfer_lookup_key: true,
    });
    expect((await h.stripe.prices.retrieve(old.id)).lookup_key).toBeNull();
    expect((await h.stripe.prices.list({ lookup_keys: ['solo'] })).data.map((p) => p.id)).toEqual([moved.id]);
    await h.stripe.prices.update(old.id, { active: false });
    expect((await h.stripe.prices.list({ product: product.id, active: true })).data.map((p) => p.id)).toEqual([
      moved.id,
    ]);
    await expect(h.stripe.products.del(product.id)).rejects.toMatchObject({ statusCode: 400 });
    const archived = await h.stripe.products.update(product.id, { active: false, default_price: moved.id });
    expect(archived).toMatchObject({ active: false, default_price: moved.id });
  });

  it('subscriptions refuse inactive and one-time prices, and accept inline price_data', async () => {
    const { customer } = await h.customerOnClock();
    const product = await h.stripe.products.create({ name: 'Inline' });
    const oneTime = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500 });
    await expect(
      h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: oneTime.id }] }),
    ).rejects.toMatchObject({ param: 'items[0][price]' });
    const inactive = await h.stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 500,
      recurring: { interval: 'month' },
      active: false,
    });
    await expect(
      h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: inactive.id }] }),
    ).rejects.toMatchObject({ param: 'items[0][price]' });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [
        {
          price_data: { currency: 'usd', product: product.id, unit_amount: 750, recurring: { interval: 'month' } },
          quantity: 2,
        },
      ],
      expand: ['latest_invoice', 'items.data.price.product'],
    });
    expect(sub.latest_invoice).toMatchObject({ total: 1500 });
    expect((sub.items.data[0]?.price.product as Stripe.Product).name).toBe('Inline');
  });

  it('products can be deleted when they have no prices, and coupons deleted', async () => {
    const product = await h.stripe.products.create({ name: 'Temp', description: 'x' });
    expect(await h.stripe.products.del(product.id)).toMatchObject({ id: product.id, deleted: true });
    await expect(h.stripe.products.retrieve(product.id)).rejects.toMatchObject({ statusCode: 404 });
    const coupon = await h.stripe.coupons.create({ id: 'TEMP10', percent_off: 10 });
    expect(await h.stripe.coupons.update(coupon.id, { name: 'Ten' })).toMatchObject({ name: 'Ten' });
    expect(await h.stripe.coupons.del(coupon.id)).toMatchObject({ id: 'TEMP10', deleted: true });
    await expect(h.stripe.coupons.retrieve('TEMP10')).rejects.toMatchObject({ statusCode: 404 });
    expect((await h.stripe.coupons.list()).data.map((c) => c.id)).not.toContain('TEMP10');
  });
});
