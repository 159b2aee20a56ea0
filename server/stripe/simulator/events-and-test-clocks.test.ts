import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_START, DAY, startHarness, type Harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('test clocks', () => {
  it('advance through advancing to ready, only forwards, one advance at a time', async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: CLOCK_START, name: 'Annual plan' });
    expect(clock).toMatchObject({
      object: 'test_helpers.test_clock',
      status: 'ready',
      frozen_time: CLOCK_START,
      name: 'Annual plan',
    });
    await expect(
      h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: CLOCK_START - 1 }),
    ).rejects.toMatchObject({ param: 'frozen_time' });
    const advancing = await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: CLOCK_START + DAY });
    expect(advancing).toMatchObject({
      status: 'advancing',
      status_details: { advancing: { target_frozen_time: CLOCK_START + DAY } },
    });
    const ready = await h.advance(clock.id, CLOCK_START + 2 * DAY);
    expect(ready).toMatchObject({ status: 'ready', frozen_time: CLOCK_START + 2 * DAY });
    expect((await h.stripe.testHelpers.testClocks.list()).data.map((c) => c.id)).toContain(clock.id);
  });

  it('deleting a clock deletes what is on it', async () => {
    const { clock, customer } = await h.customerOnClock();
    const price = await h.monthlyPrice(1000);
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    expect(await h.stripe.testHelpers.testClocks.del(clock.id)).toMatchObject({ id: clock.id, deleted: true });
    await expect(h.stripe.customers.retrieve(customer.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(h.stripe.subscriptions.retrieve(sub.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(h.stripe.testHelpers.testClocks.retrieve(clock.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('events', () => {
  it('are listed newest first, by type (with wildcards), types[] and created, and retrieved by id', async () => {
    const since = Math.floor(Date.now() / 1000);
    const product = await h.stripe.products.create({ name: 'Evented' });
    await h.stripe.products.update(product.id, { name: 'Renamed' });
    await h.stripe.customers.create({});
    const products = await h.stripe.events.list({ type: 'product.*', created: { gte: since } });
    const mine = products.data.filter((e) => (e.data.object as Stripe.Product).id === product.id);
    expect(mine.map((e) => e.type)).toEqual(['product.updated', 'product.created']);
    expect(products.data.every((e) => e.type.startsWith('product.') && e.created >= since)).toBe(true);
    const updated = mine[0] as Stripe.ProductUpdatedEvent;
    expect(updated.data.previous_attributes).toMatchObject({ name: 'Evented' });
    const both = await h.stripe.events.list({
      types: ['product.created', 'customer.created'],
      created: { gte: since },
      limit: 1,
    });
    expect(both).toMatchObject({ has_more: true, data: [{ type: 'customer.created' }] });
    expect((await h.stripe.events.retrieve(updated.id)).id).toBe(updated.id);
  });

  it('an open invoice can be expanded with its confirmation secret', async () => {
    const { customer } = await h.customerOnClock('pm_card_threeDSecure2Required');
    const price = await h.monthlyPrice(1500);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: 'default_incomplete',
      expand: ['latest_invoice.confirmation_secret'],
    });
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice.confirmation_secret).toMatchObject({
      type: 'payment_intent',
      client_secret: expect.stringMatching(/^pi_\w+_secret_\w+$/),
    });
    await expect(
      h.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice.payment_intent'] }),
    ).rejects.toMatchObject({
      message: 'This property cannot be expanded (payment_intent).',
    });
  });
});
