import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_START, DAY, startHarness, type Harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error('expected a Stripe error');
}

describe('a declined card', () => {
  it('with error_if_incomplete: Stripe’s 402 card error, and no subscription, invoice or event left behind', async () => {
    const { customer } = await h.customerOnClock('pm_card_chargeCustomerFail');
    const price = await h.monthlyPrice(1500);
    await h.sim.webhooks.settled();
    h.receiver.clear();
    const error = await rejection(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: price.id }],
        payment_behavior: 'error_if_incomplete',
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({
      statusCode: 402,
      type: 'StripeCardError',
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
    expect(error.message).toBe('Your card was declined.');
    expect((await h.stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toEqual([]);
    expect((await h.stripe.invoices.list({ customer: customer.id })).data).toEqual([]);
    await h.sim.webhooks.settled();
    expect(h.receiver.types()).toEqual([]);
  });

  it('is refused when attached, as Stripe checks the card (generic and insufficient funds)', async () => {
    const customer = await h.stripe.customers.create({});
    const generic = await rejection(
      h.stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customer.id }),
    );
    expect(generic).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    const funds = await rejection(
      h.stripe.paymentMethods.attach('pm_card_chargeDeclinedInsufficientFunds', { customer: customer.id }),
    );
    expect(funds).toMatchObject({
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
    expect((await h.stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);
  });

  it('with allow_incomplete: an incomplete subscription that expires after 23 hours', async () => {
    const { clock, customer } = await h.customerOnClock('pm_card_chargeCustomerFail');
    const price = await h.monthlyPrice(1500);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      expand: ['latest_invoice'],
    });
    expect(sub.status).toBe('incomplete');
    expect(sub.latest_invoice).toMatchObject({
      status: 'open',
      attempt_count: 1,
      amount_paid: 0,
      next_payment_attempt: null,
    });
    await h.sim.webhooks.settled();
    expect(h.receiver.types()).toContain('invoice.payment_failed');

    h.receiver.clear();
    await h.advance(clock.id, CLOCK_START + DAY);
    await h.sim.webhooks.settled();
    const expired = await h.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(expired).toMatchObject({ status: 'incomplete_expired', ended_at: CLOCK_START + 23 * 3600 });
    expect(expired.latest_invoice).toMatchObject({ status: 'void' });
    expect(h.receiver.types()).toEqual(expect.arrayContaining(['invoice.voided', 'customer.subscription.updated']));
  });

  it('an incomplete subscription becomes active when its invoice is paid with another card', async () => {
    const { customer } = await h.customerOnClock('pm_card_chargeCustomerFail');
    const price = await h.monthlyPrice(1500);
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const visa = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const paid = await h.stripe.invoices.pay(String(sub.latest_invoice), { payment_method: visa.id });
    expect(paid).toMatchObject({ status: 'paid', attempt_count: 2 });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
  });

  it('a card that needs 3-D Secure: requires action, or a 402 with error_if_incomplete', async () => {
    const { customer } = await h.customerOnClock('pm_card_threeDSecure2Required');
    const price = await h.monthlyPrice(1500);
    const error = await rejection(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: price.id }],
        payment_behavior: 'error_if_incomplete',
      }),
    );
    expect(error).toMatchObject({
      statusCode: 402,
      code: 'authentication_required',
      decline_code: 'authentication_required',
    });
    h.receiver.clear();
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    expect(sub.status).toBe('incomplete');
    await h.sim.webhooks.settled();
    expect(h.receiver.types()).toContain('invoice.payment_action_required');
  });

  it('no payment method at all is a 400, not a charge', async () => {
    const customer = await h.stripe.customers.create({});
    const price = await h.monthlyPrice(1500);
    const error = await rejection(
      h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] }),
    );
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' });
    expect(error.message).toContain('no attached payment source or default payment method');
    const pending = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: 'default_incomplete',
    });
    expect(pending.status).toBe('incomplete');
  });
});
