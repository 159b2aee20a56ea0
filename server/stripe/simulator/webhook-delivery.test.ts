import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver } from './test-support/receiver';
import { startHarness, type Harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.sim.webhooks.settled();
  h.sim.webhooks.reset();
  h.sim.webhooks.resume();
  h.receiver.respondWith(() => 200);
  h.receiver.clear();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhook delivery', () => {
  it('sends Stripe’s event envelope, signed, with the request that caused it', async () => {
    const customer = await h.stripe.customers.create({ email: 'envelope@example.com' });
    await h.sim.webhooks.settled();
    const [delivery] = h.receiver.deliveries;
    expect(delivery?.event).toMatchObject({
      object: 'event',
      type: 'customer.created',
      api_version: Stripe.API_VERSION,
      livemode: false,
      pending_webhooks: 1,
      data: { object: { id: customer.id, object: 'customer', email: 'envelope@example.com' } },
    });
    expect(delivery?.event.id).toMatch(/^evt_/);
    expect(delivery?.event.request).toMatchObject({
      id: expect.stringMatching(/^req_/),
      idempotency_key: expect.stringMatching(/^stripe-node-retry-/),
    });
    expect(delivery?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect((await h.stripe.events.retrieve(delivery?.event.id ?? '')).pending_webhooks).toBe(0);
  });

  it('delivers each event N extra times when asked for duplicates', async () => {
    h.sim.webhooks.configure({ duplicates: 2 });
    const customer = await h.stripe.customers.create({});
    await h.sim.webhooks.settled();
    const copies = h.receiver.events().filter((e) => (e.data.object as { id: string }).id === customer.id);
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((e) => e.id)).size).toBe(1);
  });

  it('shuffles queued deliveries when asked', async () => {
    h.sim.webhooks.configure({ shuffle: true });
    h.sim.webhooks.pause();
    const created: string[] = [];
    for (let i = 0; i < 12; i++) created.push((await h.stripe.products.create({ name: `p${i}` })).id);
    await sleep(20);
    expect(h.receiver.deliveries).toHaveLength(0);
    h.sim.webhooks.resume();
    await h.sim.webhooks.settled();
    const arrived = h.receiver.events().map((e) => (e.data.object as { id: string }).id);
    expect([...arrived].sort()).toEqual([...created].sort());
    expect(arrived).not.toEqual(created);
  });

  it('never delivers dropped events, though they are recorded', async () => {
    h.sim.webhooks.configure({ drop: (event) => event.type === 'product.created' });
    const product = await h.stripe.products.create({ name: 'dropped' });
    await h.stripe.customers.create({});
    await h.sim.webhooks.settled();
    await sleep(30);
    expect(h.receiver.types()).toEqual(['customer.created']);
    const recorded = await h.stripe.events.list({ type: 'product.created', limit: 1 });
    expect((recorded.data[0]?.data.object as Stripe.Product).id).toBe(product.id);
  });

  it('holds deliveries while paused and releases them on resume', async () => {
    h.sim.webhooks.pause();
    await h.stripe.customers.create({});
    await sleep(30);
    expect(h.receiver.deliveries).toHaveLength(0);
    await expect(h.sim.webhooks.settled(50)).rejects.toThrow(/not settled/);
    h.sim.webhooks.resume();
    await h.sim.webhooks.settled();
    expect(h.receiver.types()).toEqual(['customer.created']);
  });

  it('drops what is queued when the webhook URL is removed', async () => {
    h.sim.webhooks.pause();
    const customer = await h.stripe.customers.create({});
    h.sim.setWebhookUrl(null);
    await h.sim.webhooks.settled(100);
    h.sim.setWebhookUrl(h.receiver.url);
    h.sim.webhooks.resume();
    await h.sim.webhooks.settled();
    expect(h.receiver.events().some((e) => (e.data.object as { id: string }).id === customer.id)).toBe(false);
    const later = await h.stripe.customers.create({});
    await h.sim.webhooks.settled();
    expect((h.receiver.events().at(-1)?.data.object as { id: string }).id).toBe(later.id);
  });

  it('waits delayMs before each delivery', async () => {
    h.sim.webhooks.configure({ delayMs: 80 });
    const started = Date.now();
    await h.stripe.customers.create({});
    await h.sim.webhooks.settled();
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(h.receiver.deliveries).toHaveLength(1);
  });

  it('retries with exponential backoff until the endpoint answers 2xx', async () => {
    let failures = 2;
    h.receiver.respondWith(() => (failures-- > 0 ? 500 : 200));
    const customer = await h.stripe.customers.create({});
    await h.sim.webhooks.settled();
    const attempts = h.sim.webhooks.deliveries().filter((d) => d.type === 'customer.created');
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect((attempts[2]?.at ?? 0) - (attempts[1]?.at ?? 0)).toBeGreaterThanOrEqual(
      (attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0),
    );
    expect((h.receiver.events()[0]?.data.object as Stripe.Customer).id).toBe(customer.id);
  });

  it('gives up after the last attempt on an endpoint that rejects the signature or is down', async () => {
    const wrongSecret = await startReceiver('whsec_some_other_secret');
    try {
      h.sim.setWebhookUrl(wrongSecret.url);
      await h.stripe.customers.create({});
      await h.sim.webhooks.settled();
      expect(wrongSecret.rejected.length).toBe(5);
      expect(h.sim.webhooks.deliveries().map((d) => d.status)).toEqual([400, 400, 400, 400, 400]);
      h.sim.webhooks.reset();
      h.sim.setWebhookUrl('http://127.0.0.1:9/unreachable');
      await h.stripe.customers.create({});
      await h.sim.webhooks.settled();
      expect(h.sim.webhooks.deliveries().map((d) => d.status)).toEqual([null, null, null, null, null]);
    } finally {
      h.sim.setWebhookUrl(h.receiver.url);
      await wrongSecret.close();
    }
  });

  it('marks automatic events with a null request', async () => {
    const { clock, customer } = await h.customerOnClock();
    const price = await h.monthlyPrice(900);
    await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await h.advance(clock.id, 1_897_344_000 + 7200);
    await h.sim.webhooks.settled();
    const renewal = h.receiver
      .events()
      .find(
        (e) =>
          e.type === 'invoice.created' && (e.data.object as Stripe.Invoice).billing_reason === 'subscription_cycle',
      );
    expect(renewal?.request).toEqual({ id: null, idempotency_key: null });
  });
});
