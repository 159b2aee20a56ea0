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

async function active() {
  const { clock, customer } = await h.customerOnClock();
  const price = await h.monthlyPrice(1500);
  const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  await h.sim.webhooks.settled();
  return { clock, customer, sub };
}

describe('cancellation', () => {
  it('at the period end: pending until then, withdrawn by cancel_at_period_end=false, or effective at renewal', async () => {
    const { clock, sub } = await active();
    const pending = await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(pending).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      cancel_at: FEB_15,
      canceled_at: CLOCK_START,
    });
    const resumed = await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
    expect(resumed).toMatchObject({ cancel_at_period_end: false, cancel_at: null, canceled_at: null });

    await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    h.receiver.clear();
    await h.advance(clock.id, FEB_15 + 2 * 3600);
    await h.sim.webhooks.settled();
    const ended = await h.stripe.subscriptions.retrieve(sub.id);
    expect(ended).toMatchObject({
      status: 'canceled',
      ended_at: FEB_15,
      cancellation_details: { reason: 'cancellation_requested' },
    });
    expect(h.receiver.types()).toContain('customer.subscription.deleted');
    expect((await h.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(1);
    expect((await h.stripe.subscriptions.list({ customer: String(sub.customer) })).data).toEqual([]);
    expect(
      (await h.stripe.subscriptions.list({ customer: String(sub.customer), status: 'canceled' })).data,
    ).toHaveLength(1);
  });

  it('now, with a prorated credit invoiced at once', async () => {
    const { clock, sub } = await active();
    await h.advance(clock.id, CLOCK_START + 10 * DAY);
    const canceled = await h.stripe.subscriptions.cancel(sub.id, {
      prorate: true,
      invoice_now: true,
      expand: ['latest_invoice'],
    });
    expect(canceled).toMatchObject({ status: 'canceled', canceled_at: CLOCK_START + 10 * DAY });
    expect(canceled.latest_invoice).toMatchObject({ total: -1016, amount_due: 0 });
    await expect(h.stripe.subscriptions.cancel(sub.id)).rejects.toMatchObject({ statusCode: 400 });
    await expect(h.stripe.subscriptions.update(sub.id, { metadata: { note: 'kept' } })).resolves.toMatchObject({
      metadata: { note: 'kept' },
    });
    await expect(h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('deleting the customer cancels its subscriptions', async () => {
    const { customer, sub } = await active();
    h.receiver.clear();
    const deleted = await h.stripe.customers.del(customer.id);
    expect(deleted).toMatchObject({ id: customer.id, deleted: true });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
    await h.sim.webhooks.settled();
    expect(h.receiver.types()).toEqual(['customer.subscription.deleted', 'customer.deleted']);
    const expanded = await h.stripe.subscriptions.retrieve(sub.id, { expand: ['customer'] });
    expect(expanded.customer as Stripe.DeletedCustomer).toMatchObject({ id: customer.id, deleted: true });
  });

  it('a subscription updated with metadata announces only what changed', async () => {
    const { sub } = await active();
    h.receiver.clear();
    await h.stripe.subscriptions.update(sub.id, { metadata: { plan: 'team' }, default_payment_method: '' });
    await h.sim.webhooks.settled();
    const [updated] = h.receiver.events();
    expect(updated?.type).toBe('customer.subscription.updated');
    expect(updated?.data.previous_attributes).toEqual({ metadata: { plan: null } });
  });
});
