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

const FEB_15 = 1_897_344_000;
const MAR_15 = 1_899_763_200;

async function proSubscription() {
  const { clock, customer } = await h.customerOnClock();
  const pro = await h.monthlyPrice(4000);
  const basic = await h.monthlyPrice(1500);
  const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }] });
  return { clock, customer, pro, basic, sub };
}

describe('a downgrade at the end of the period through a subscription schedule', () => {
  it('keeps the current price until the renewal, which is invoiced on the new price without proration', async () => {
    const { clock, pro, basic, sub } = await proSubscription();
    const schedule = await h.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    expect(schedule).toMatchObject({
      status: 'active',
      subscription: sub.id,
      current_phase: { start_date: CLOCK_START, end_date: FEB_15 },
    });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).schedule).toBe(schedule.id);

    const phase = schedule.phases[0];
    const updated = await h.stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: 'release',
      phases: [
        { items: [{ price: pro.id, quantity: 1 }], start_date: phase?.start_date, end_date: phase?.end_date },
        { items: [{ price: basic.id, quantity: 1 }], duration: { interval: 'month' } },
      ],
    });
    expect(updated.phases.map((p) => [p.start_date, p.end_date])).toEqual([
      [CLOCK_START, FEB_15],
      [FEB_15, MAR_15],
    ]);
    await h.advance(clock.id, CLOCK_START + 5 * DAY);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).items.data[0]?.price.id).toBe(pro.id);
    expect((await h.stripe.invoiceItems.list({ customer: String(sub.customer), pending: true })).data).toEqual([]);

    await h.advance(clock.id, FEB_15 + 2 * 3600);
    const renewed = await h.stripe.subscriptions.retrieve(sub.id);
    expect(renewed.items.data[0]).toMatchObject({
      id: sub.items.data[0]?.id,
      price: { id: basic.id },
      current_period_start: FEB_15,
    });
    const [renewal] = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data;
    expect(renewal).toMatchObject({ billing_reason: 'subscription_cycle', total: 1500, status: 'paid' });
    expect(renewal?.lines.data).toHaveLength(1);

    await h.advance(clock.id, MAR_15 + 2 * 3600);
    const released = await h.stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(released).toMatchObject({ status: 'released', released_subscription: sub.id, released_at: MAR_15 });
    const afterRelease = await h.stripe.subscriptions.retrieve(sub.id);
    expect(afterRelease).toMatchObject({ schedule: null, status: 'active' });
    expect(afterRelease.items.data[0]?.price.id).toBe(basic.id);
    await h.sim.webhooks.settled();
    expect(h.receiver.types()).toEqual(
      expect.arrayContaining([
        'subscription_schedule.created',
        'subscription_schedule.updated',
        'subscription_schedule.released',
      ]),
    );
  });

  it('is previewed: the upcoming invoice already shows the next phase', async () => {
    const { pro, basic, sub } = await proSubscription();
    const schedule = await h.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    await h.stripe.subscriptionSchedules.update(schedule.id, {
      phases: [
        { items: [{ price: pro.id }], start_date: CLOCK_START, end_date: FEB_15 },
        { items: [{ price: basic.id }], end_date: MAR_15 },
      ],
    });
    const upcoming = await h.stripe.invoices.createPreview({ subscription: sub.id });
    expect(upcoming.total).toBe(1500);
  });

  it('can be released early, or canceled with its subscription', async () => {
    const first = await proSubscription();
    const schedule = await h.stripe.subscriptionSchedules.create({ from_subscription: first.sub.id });
    const released = await h.stripe.subscriptionSchedules.release(schedule.id);
    expect(released).toMatchObject({ status: 'released', released_subscription: first.sub.id });
    expect((await h.stripe.subscriptions.retrieve(first.sub.id)).schedule).toBeNull();

    const second = await proSubscription();
    const other = await h.stripe.subscriptionSchedules.create({ from_subscription: second.sub.id });
    const canceled = await h.stripe.subscriptionSchedules.cancel(other.id);
    expect(canceled.status).toBe('canceled');
    expect((await h.stripe.subscriptions.retrieve(second.sub.id)).status).toBe('canceled');
  });

  it('ends the subscription with end_behavior cancel, and refuses to move the current phase’s start', async () => {
    const { clock, pro, sub } = await proSubscription();
    const schedule = await h.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    await expect(
      h.stripe.subscriptionSchedules.update(schedule.id, {
        phases: [{ items: [{ price: pro.id }], start_date: CLOCK_START + DAY, end_date: FEB_15 }],
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'phases[0][start_date]' });
    await h.stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: 'cancel',
      phases: [{ items: [{ price: pro.id }], start_date: CLOCK_START, end_date: FEB_15 }],
    });
    expect((await h.stripe.subscriptions.retrieve(sub.id)) as Stripe.Subscription).toMatchObject({
      cancel_at: FEB_15,
      cancel_at_period_end: true,
    });
    await h.advance(clock.id, FEB_15 + 60);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
    expect((await h.stripe.subscriptionSchedules.retrieve(schedule.id)).status).toBe('completed');
  });

  it('a phase that starts mid-period changes the items then, with the phase’s prorations', async () => {
    const { clock, pro, basic, sub } = await proSubscription();
    const schedule = await h.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    const switchAt = CLOCK_START + 10 * DAY;
    await h.stripe.subscriptionSchedules.update(schedule.id, {
      phases: [
        { items: [{ price: pro.id }], start_date: CLOCK_START, end_date: switchAt },
        { items: [{ price: basic.id }], end_date: FEB_15, proration_behavior: 'create_prorations' },
      ],
    });
    await h.advance(clock.id, switchAt + 60);
    const switched = await h.stripe.subscriptions.retrieve(sub.id);
    expect(switched.items.data[0]?.price.id).toBe(basic.id);
    const pending = await h.stripe.invoiceItems.list({ customer: String(sub.customer), pending: true });
    // 4000 × 21/31 = 2709.68 → 2710 credited; 1500 × 21/31 = 1016.13 → 1016 charged.
    expect(pending.data.map((ii) => ii.amount).sort((a, b) => a - b)).toEqual([-2710, 1016]);
    expect((await h.stripe.subscriptionSchedules.retrieve(schedule.id)).current_phase).toEqual({
      start_date: switchAt,
      end_date: FEB_15,
    });
  });
});
