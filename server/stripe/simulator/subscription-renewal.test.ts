import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLOCK_START, startHarness, type Harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.receiver.respondWith(() => 200);
});

const FEB_15 = 1_897_344_000; // 2030-02-15T00:00:00Z
const MAR_15 = 1_899_763_200; // 2030-03-15T00:00:00Z

async function subscribe(unitAmount = 1500) {
  const { clock, customer } = await h.customerOnClock();
  const price = await h.monthlyPrice(unitAmount);
  const sub = await h.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
    expand: ['latest_invoice'],
  });
  await h.sim.webhooks.settled();
  return { clock, customer, price, sub };
}

describe('a monthly subscription paid with pm_card_visa', () => {
  it('starts active with its first invoice paid', async () => {
    const { customer } = await h.customerOnClock();
    const price = await h.monthlyPrice(1500);
    await h.sim.webhooks.settled();
    h.receiver.clear();
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      expand: ['latest_invoice'],
    });
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(sub.status).toBe('active');
    expect(sub.items.data[0]).toMatchObject({ current_period_start: CLOCK_START, current_period_end: FEB_15 });
    expect(invoice).toMatchObject({
      status: 'paid',
      billing_reason: 'subscription_create',
      amount_paid: 1500,
      amount_due: 1500,
      attempt_count: 1,
    });
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);
    expect(invoice.lines.data[0]).toMatchObject({
      amount: 1500,
      description: '1 × Plan 1500 (at $15.00 / month)',
      period: { start: CLOCK_START, end: FEB_15 },
    });
    await h.sim.webhooks.settled();
    expect(h.receiver.types()).toEqual([
      'customer.subscription.created',
      'customer.updated',
      'invoice.created',
      'invoice.finalized',
      'invoice_payment.paid',
      'invoice.paid',
      'invoice.payment_succeeded',
    ]);
    const created = h.receiver.events()[0]?.data.object as Stripe.Subscription;
    expect(created).toMatchObject({ id: sub.id, status: 'active', latest_invoice: invoice.id });
  });

  it('renews a month later: a draft invoice, finalized an hour later, then charged, with signed events in order', async () => {
    const { clock, sub } = await subscribe();
    h.receiver.clear();
    await h.advance(clock.id, FEB_15 + 2 * 3600);
    await h.sim.webhooks.settled();

    expect(h.receiver.types()).toEqual([
      'test_helpers.test_clock.advancing',
      'customer.subscription.updated',
      'invoice.created',
      'invoice.finalized',
      'invoice_payment.paid',
      'invoice.paid',
      'invoice.payment_succeeded',
      'test_helpers.test_clock.ready',
    ]);
    const [, updated, created, finalized, , paid] = h.receiver.events();
    expect(updated?.created).toBe(FEB_15);
    expect(
      (updated?.data.previous_attributes as Partial<Stripe.Subscription>).items?.data[0]?.current_period_start,
    ).toBe(CLOCK_START);
    expect(created?.data.object).toMatchObject({
      status: 'draft',
      billing_reason: 'subscription_cycle',
      automatically_finalizes_at: FEB_15 + 3600,
    });
    expect(finalized?.created).toBe(FEB_15 + 3600);
    expect(paid?.data.object).toMatchObject({
      status: 'paid',
      amount_paid: 1500,
      period_start: CLOCK_START,
      period_end: FEB_15,
    });
    expect(h.receiver.rejected).toEqual([]);
    for (const d of h.receiver.deliveries) expect(d.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    const renewed = await h.stripe.subscriptions.retrieve(sub.id);
    expect(renewed.items.data[0]).toMatchObject({ current_period_start: FEB_15, current_period_end: MAR_15 });
    const invoices = await h.stripe.invoices.list({ subscription: sub.id });
    expect(invoices.data.map((i) => i.billing_reason)).toEqual(['subscription_cycle', 'subscription_create']);
    expect(invoices.data[0]?.lines.data[0]?.period).toEqual({ start: FEB_15, end: MAR_15 });
  });

  it('serves the hosted invoice page and a PDF on its own port', async () => {
    const { sub } = await subscribe();
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice.hosted_invoice_url?.startsWith(h.sim.url)).toBe(true);
    const page = await fetch(invoice.hosted_invoice_url ?? '');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain(invoice.number ?? 'missing');
    const pdf = Buffer.from(await (await fetch(invoice.invoice_pdf ?? '')).arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('lets an invoice.created webhook handler add an item to the renewal draft before it finalizes', async () => {
    const { clock, customer, sub } = await subscribe();
    h.receiver.respondWith(async (event) => {
      const invoice = event.data.object as Stripe.Invoice;
      if (event.type === 'invoice.created' && invoice.billing_reason === 'subscription_cycle') {
        await h.stripe.invoiceItems.create({
          customer: customer.id,
          invoice: invoice.id,
          amount: 250,
          currency: 'usd',
          description: 'Usage overage',
        });
      }
      return 200;
    });
    await h.advance(clock.id, FEB_15 + 2 * 3600);
    const [renewal] = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data;
    expect(renewal).toMatchObject({ status: 'paid', total: 1750, amount_paid: 1750 });
    expect(renewal?.lines.data.map((l) => l.description)).toContain('Usage overage');
  });

  it('sweeps pending invoice items into the next renewal invoice', async () => {
    const { clock, customer, sub } = await subscribe();
    const item = await h.stripe.invoiceItems.create({
      customer: customer.id,
      amount: 300,
      currency: 'usd',
      description: 'Setup',
    });
    expect(item.invoice).toBeNull();
    await h.advance(clock.id, FEB_15 + 2 * 3600);
    const [renewal] = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data;
    expect(renewal?.total).toBe(1800);
    expect((await h.stripe.invoiceItems.retrieve(item.id)).invoice).toBe(renewal?.id);
  });

  it('bills add_invoice_items with the first invoice, and refuses automatic tax', async () => {
    const { customer } = await h.customerOnClock();
    const price = await h.monthlyPrice(1500);
    const setup = await h.stripe.prices.create({ product: String(price.product), currency: 'usd', unit_amount: 5000 });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      add_invoice_items: [{ price: setup.id }],
      billing_mode: { type: 'flexible' },
      expand: ['latest_invoice'],
    });
    expect(sub.latest_invoice).toMatchObject({ total: 6500, status: 'paid' });
    expect(sub.billing_mode.type).toBe('flexible');
    await expect(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: price.id }],
        automatic_tax: { enabled: true },
      }),
    ).rejects.toMatchObject({ param: 'automatic_tax[enabled]' });
  });
});
