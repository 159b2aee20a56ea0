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

describe('customers', () => {
  it('are created, updated (announced with previous attributes), listed by email and paged newest first', async () => {
    const a = await h.stripe.customers.create({ email: 'list@example.com', name: 'A', metadata: { org: 'o1' } });
    const b = await h.stripe.customers.create({ email: 'list@example.com', name: 'B' });
    const c = await h.stripe.customers.create({ email: 'list@example.com', name: 'C' });
    const firstPage = await h.stripe.customers.list({ email: 'list@example.com', limit: 2 });
    expect(firstPage).toMatchObject({ object: 'list', has_more: true, url: '/v1/customers' });
    expect(firstPage.data.map((x) => x.id)).toEqual([c.id, b.id]);
    const secondPage = await h.stripe.customers.list({ email: 'list@example.com', limit: 2, starting_after: b.id });
    expect(secondPage.data.map((x) => x.id)).toEqual([a.id]);
    expect(
      (await h.stripe.customers.list({ email: 'list@example.com', ending_before: a.id, limit: 1 })).data.map(
        (x) => x.id,
      ),
    ).toEqual([b.id]);

    h.receiver.clear();
    const updated = await h.stripe.customers.update(a.id, {
      name: 'Alice',
      metadata: { org: '', plan: 'pro' },
      address: { country: 'FR' },
    });
    expect(updated).toMatchObject({ name: 'Alice', metadata: { plan: 'pro' }, address: { country: 'FR', city: null } });
    await h.sim.webhooks.settled();
    const [event] = h.receiver.events();
    expect(event).toMatchObject({
      type: 'customer.updated',
      data: { previous_attributes: { name: 'A', metadata: { org: 'o1', plan: null }, address: null } },
    });

    const found = await h.stripe.customers.search({ query: `metadata['plan']:'pro' AND email:'list@example.com'` });
    expect(found.data.map((x) => x.id)).toEqual([a.id]);
  });

  it('on a test clock are listed only with that clock', async () => {
    const { clock, customer } = await h.customerOnClock();
    expect((await h.stripe.customers.list({ test_clock: clock.id })).data.map((x) => x.id)).toEqual([customer.id]);
    expect((await h.stripe.customers.list({ limit: 100 })).data.map((x) => x.id)).not.toContain(customer.id);
  });
});

describe('payment methods', () => {
  it('test tokens attach as new card payment methods with the right brand and last 4', async () => {
    const customer = await h.stripe.customers.create({});
    const cards = await Promise.all(
      ['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex'].map((token) =>
        h.stripe.paymentMethods.attach(token, { customer: customer.id }),
      ),
    );
    expect(
      cards.map((pm) => [pm.id.startsWith('pm_') && !pm.id.startsWith('pm_card_'), pm.card?.brand, pm.card?.last4]),
    ).toEqual([
      [true, 'visa', '4242'],
      [true, 'mastercard', '4444'],
      [true, 'amex', '8431'],
    ]);
    const listed = await h.stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
    expect(listed.data).toHaveLength(3);
    expect((await h.stripe.paymentMethods.list({ customer: customer.id })).data).toHaveLength(3);
    expect((await h.stripe.customers.retrievePaymentMethod(customer.id, cards[0]?.id ?? '')).id).toBe(cards[0]?.id);
  });

  it('from a token, updated, set as default, and detached (which clears the default)', async () => {
    const pm = await h.stripe.paymentMethods.create({
      type: 'card',
      card: { token: 'tok_visa' },
      billing_details: { name: 'Jenny Rosen' },
    });
    expect(pm).toMatchObject({
      customer: null,
      card: { brand: 'visa', last4: '4242' },
      billing_details: { name: 'Jenny Rosen' },
    });
    const customer = await h.stripe.customers.create({});
    await h.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    const withDefault = await h.stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: pm.id },
      expand: ['invoice_settings.default_payment_method'],
    });
    expect((withDefault.invoice_settings.default_payment_method as Stripe.PaymentMethod).id).toBe(pm.id);
    const updated = await h.stripe.paymentMethods.update(pm.id, {
      card: { exp_month: 3, exp_year: 2033 },
      metadata: { label: 'work' },
    });
    expect(updated.card).toMatchObject({ exp_month: 3, exp_year: 2033 });
    await h.sim.webhooks.settled();
    h.receiver.clear();
    const detached = await h.stripe.paymentMethods.detach(pm.id);
    expect(detached.customer).toBeNull();
    expect(
      ((await h.stripe.customers.retrieve(customer.id)) as Stripe.Customer).invoice_settings.default_payment_method,
    ).toBeNull();
    await h.sim.webhooks.settled();
    expect(h.receiver.types()).toEqual(['customer.updated', 'payment_method.detached']);
    await expect(
      h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } }),
    ).rejects.toMatchObject({
      param: 'invoice_settings[default_payment_method]',
    });
  });

  it('setup intents attach cards on success, stop at requires_action for 3-D Secure, and record declines', async () => {
    const customer = await h.stripe.customers.create({});
    const intent = await h.stripe.setupIntents.create({
      customer: customer.id,
      allowed_payment_method_types: ['card'],
      usage: 'off_session',
    });
    expect(intent).toMatchObject({
      status: 'requires_payment_method',
      client_secret: expect.stringMatching(new RegExp(`^${intent.id}_secret_`)),
    });
    const confirmed = await h.stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe('succeeded');
    expect((await h.stripe.paymentMethods.retrieve(String(confirmed.payment_method))).customer).toBe(customer.id);

    const secure = await h.stripe.setupIntents.create({
      customer: customer.id,
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
    });
    expect(secure).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    expect((await h.stripe.setupIntents.cancel(secure.id)).status).toBe('canceled');

    const declining = await h.stripe.setupIntents.create({ customer: customer.id });
    await expect(
      h.stripe.setupIntents.confirm(declining.id, { payment_method: 'pm_card_chargeDeclined' }),
    ).rejects.toMatchObject({
      statusCode: 402,
      code: 'card_declined',
    });
    expect(await h.stripe.setupIntents.retrieve(declining.id)).toMatchObject({
      status: 'requires_payment_method',
      last_setup_error: { code: 'card_declined', decline_code: 'generic_decline' },
    });
    expect((await h.stripe.setupIntents.list({ customer: customer.id })).data).toHaveLength(3);
  });
});
