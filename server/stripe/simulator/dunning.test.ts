import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, startHarness, type Harness } from './test-support/harness';

const FEB_15 = 1_897_344_000;

async function subscribeThenCardFails(h: Harness) {
  const { clock, customer } = await h.customerOnClock();
  const price = await h.monthlyPrice(1500);
  const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  const failing = await h.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
  await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
  return { clock, customer, sub };
}

async function latestInvoice(h: Harness, sub: Stripe.Subscription) {
  const [invoice] = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data;
  if (!invoice) throw new Error('no invoice');
  return invoice;
}

describe('a failed renewal', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('goes past_due, is retried on schedule, and recovers when the card is replaced', async () => {
    const { clock, customer, sub } = await subscribeThenCardFails(h);
    const renewalAttempt = FEB_15 + 3600;
    await h.advance(clock.id, renewalAttempt + 60);
    let invoice = await latestInvoice(h, sub);
    expect(invoice).toMatchObject({ status: 'open', attempt_count: 1, next_payment_attempt: renewalAttempt + 3 * DAY });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('past_due');

    await h.advance(clock.id, renewalAttempt + 3 * DAY + 60);
    invoice = await latestInvoice(h, sub);
    expect(invoice).toMatchObject({ status: 'open', attempt_count: 2, next_payment_attempt: renewalAttempt + 8 * DAY });

    const visa = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } });
    await h.sim.webhooks.settled();
    h.receiver.clear();
    await h.advance(clock.id, renewalAttempt + 8 * DAY + 60);
    await h.sim.webhooks.settled();
    invoice = await latestInvoice(h, sub);
    expect(invoice).toMatchObject({ status: 'paid', attempt_count: 3, amount_paid: 1500, next_payment_attempt: null });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
    const recovered = h.receiver.events().find((e) => e.type === 'customer.subscription.updated');
    expect(recovered?.data.previous_attributes).toMatchObject({ status: 'past_due' });
    expect(h.receiver.types()).toEqual(expect.arrayContaining(['invoice.paid', 'invoice.payment_succeeded']));
  });

  it('is canceled after the last retry fails', async () => {
    const { clock, sub } = await subscribeThenCardFails(h);
    await h.advance(clock.id, FEB_15 + 3600 + 16 * DAY);
    await h.sim.webhooks.settled();
    const ended = await h.stripe.subscriptions.retrieve(sub.id);
    expect(ended).toMatchObject({ status: 'canceled', cancellation_details: { reason: 'payment_failed' } });
    expect(await latestInvoice(h, sub)).toMatchObject({ status: 'open', attempt_count: 4, next_payment_attempt: null });
    const deleted = h.receiver
      .events()
      .filter(
        (e) => e.type === 'customer.subscription.deleted' && (e.data.object as Stripe.Subscription).id === sub.id,
      );
    expect(deleted).toHaveLength(1);
  });
});

describe('a simulator configured to leave subscriptions unpaid', () => {
  it('marks the subscription unpaid after the last retry and stops collecting new invoices', async () => {
    const h = await startHarness({ dunning: { retryDays: [1], finalAction: 'unpaid' } });
    try {
      const { clock, sub } = await subscribeThenCardFails(h);
      await h.advance(clock.id, FEB_15 + 3600 + DAY + 60);
      expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('unpaid');
      await h.advance(clock.id, 1_899_763_200 + 2 * 3600);
      expect(await latestInvoice(h, sub)).toMatchObject({
        status: 'draft',
        auto_advance: false,
        billing_reason: 'subscription_cycle',
      });
    } finally {
      await h.close();
    }
  });
});
