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

describe('a trial', () => {
  it('starts trialing with a paid $0 invoice, warns three days before the end, then bills the first period', async () => {
    const { clock, customer } = await h.customerOnClock();
    const price = await h.monthlyPrice(1500);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      trial_period_days: 14,
      expand: ['latest_invoice'],
    });
    const trialEnd = CLOCK_START + 14 * DAY;
    expect(sub).toMatchObject({
      status: 'trialing',
      trial_start: CLOCK_START,
      trial_end: trialEnd,
      billing_cycle_anchor: trialEnd,
    });
    expect(sub.latest_invoice).toMatchObject({ status: 'paid', total: 0, amount_paid: 0 });
    expect((sub.latest_invoice as Stripe.Invoice).lines.data[0]?.description).toBe('Trial period for Plan 1500');
    await h.sim.webhooks.settled();
    h.receiver.clear();

    await h.advance(clock.id, trialEnd - 3 * DAY + 60);
    await h.sim.webhooks.settled();
    const warning = h.receiver.events().find((e) => e.type === 'customer.subscription.trial_will_end');
    expect(warning?.created).toBe(trialEnd - 3 * DAY);

    await h.advance(clock.id, trialEnd + 2 * 3600);
    const active = await h.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(active.status).toBe('active');
    expect(active.items.data[0]).toMatchObject({ current_period_start: trialEnd });
    expect(active.latest_invoice).toMatchObject({ billing_reason: 'subscription_cycle', status: 'paid', total: 1500 });
    await h.sim.webhooks.settled();
    const ended = h.receiver
      .events()
      .find(
        (e) =>
          e.type === 'customer.subscription.updated' &&
          (e.data.previous_attributes as { status?: string }).status === 'trialing',
      );
    expect(ended).toBeDefined();
  });

  it('shorter than three days warns at once', async () => {
    const { customer } = await h.customerOnClock();
    const price = await h.monthlyPrice(1500);
    h.receiver.clear();
    await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 1 });
    await h.sim.webhooks.settled();
    expect(h.receiver.types()).toContain('customer.subscription.trial_will_end');
  });

  it('without a card: canceled or paused at its end when trial_settings say so', async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: CLOCK_START });
    const customer = await h.stripe.customers.create({ test_clock: clock.id });
    const price = await h.monthlyPrice(1500);
    const settings = (behavior: 'cancel' | 'pause') => ({ end_behavior: { missing_payment_method: behavior } });
    const canceled = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      trial_period_days: 7,
      trial_settings: settings('cancel'),
    });
    const paused = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      trial_period_days: 7,
      trial_settings: settings('pause'),
    });
    await h.advance(clock.id, CLOCK_START + 8 * DAY);
    expect((await h.stripe.subscriptions.retrieve(canceled.id)).status).toBe('canceled');
    expect((await h.stripe.subscriptions.retrieve(paused.id)).status).toBe('paused');
    const visa = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } });
    const resumed = await h.stripe.subscriptions.resume(paused.id, { expand: ['latest_invoice'] });
    expect(resumed).toMatchObject({ status: 'active', latest_invoice: { status: 'paid', total: 1500 } });
  });

  it('can be ended now (billing the first period) or extended', async () => {
    const { customer } = await h.customerOnClock();
    const price = await h.monthlyPrice(1500);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      trial_period_days: 30,
    });
    const extended = await h.stripe.subscriptions.update(sub.id, { trial_end: CLOCK_START + 40 * DAY });
    expect(extended).toMatchObject({ status: 'trialing', trial_end: CLOCK_START + 40 * DAY });
    expect(extended.items.data[0]?.current_period_end).toBe(CLOCK_START + 40 * DAY);
    const ended = await h.stripe.subscriptions.update(sub.id, { trial_end: 'now', expand: ['latest_invoice'] });
    expect(ended).toMatchObject({
      status: 'active',
      trial_end: CLOCK_START,
      latest_invoice: { total: 1500, status: 'paid' },
    });
  });
});

describe('objects on real time', () => {
  it('follow the tickIntervalMs scheduler (a one-second trial ends by itself)', async () => {
    const realtime = await startHarness({ tickIntervalMs: 20 });
    try {
      const customer = await realtime.stripe.customers.create({
        payment_method: 'pm_card_visa',
        invoice_settings: { default_payment_method: 'pm_card_visa' },
      });
      const price = await realtime.monthlyPrice(500);
      const now = Math.floor(Date.now() / 1000);
      const sub = await realtime.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: price.id }],
        trial_end: now + 1,
      });
      let status = sub.status;
      for (let i = 0; i < 150 && status === 'trialing'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = (await realtime.stripe.subscriptions.retrieve(sub.id)).status;
      }
      expect(status).toBe('active');
      const [renewal] = (await realtime.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data;
      expect(renewal).toMatchObject({
        status: 'draft',
        billing_reason: 'subscription_cycle',
        total: 500,
        automatically_finalizes_at: now + 1 + 3600,
      });
    } finally {
      await realtime.close();
    }
  });
});
