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

const FEB_15 = 1_897_344_000; // end of the first period (31 days)
const CHANGE_AT = CLOCK_START + 10 * DAY; // 21 of 31 days left
// Stripe's arithmetic, done by hand: 1500 × 21/31 = 1016.13 → 1016; 4000 × 21/31 = 2709.68 → 2710.
const CREDIT = -1016;
const CHARGE = 2710;

async function subscribedThenTenDaysLater() {
  const { clock, customer } = await h.customerOnClock();
  const basic = await h.monthlyPrice(1500);
  const pro = await h.monthlyPrice(4000);
  const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: basic.id }] });
  await h.advance(clock.id, CHANGE_AT);
  const itemId = sub.items.data[0]?.id ?? '';
  return { clock, customer, sub, basic, pro, itemId };
}

const amounts = (lines: Stripe.InvoiceLineItem[]) => lines.map((l) => l.amount);

describe('a prorated upgrade', () => {
  it('with create_prorations: pending proration items, charged at renewal exactly as previewed', async () => {
    const { clock, sub, pro, itemId } = await subscribedThenTenDaysLater();
    const items = [{ id: itemId, price: pro.id }];
    const preview = await h.stripe.invoices.createPreview({
      customer: String(sub.customer),
      subscription: sub.id,
      subscription_details: { items, proration_behavior: 'create_prorations', proration_date: CHANGE_AT },
    });
    expect(amounts(preview.lines.data)).toEqual([4000, CREDIT, CHARGE]);
    expect(preview.total).toBe(4000 + CREDIT + CHARGE);
    expect(preview.id).toMatch(/^upcoming_in_/);

    await h.stripe.subscriptions.update(sub.id, {
      items,
      proration_behavior: 'create_prorations',
      proration_date: CHANGE_AT,
    });
    const pending = await h.stripe.invoiceItems.list({ customer: String(sub.customer), pending: true });
    const prorations = [...pending.data].reverse();
    expect(prorations.map((ii) => ii.amount)).toEqual([CREDIT, CHARGE]);
    expect(prorations.map((ii) => ii.description)).toEqual([
      'Unused time on Plan 1500 after 25 Jan 2030',
      'Remaining time on Plan 4000 after 25 Jan 2030',
    ]);
    for (const ii of prorations) {
      expect(ii).toMatchObject({ proration: true, period: { start: CHANGE_AT, end: FEB_15 } });
      expect(ii.parent?.subscription_details).toMatchObject({ subscription: sub.id, subscription_item: itemId });
    }

    await h.advance(clock.id, FEB_15 + 2 * 3600);
    const [renewal] = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data;
    expect(renewal).toMatchObject({
      status: 'paid',
      billing_reason: 'subscription_cycle',
      total: preview.total,
      amount_paid: preview.amount_due,
    });
    expect(amounts(renewal?.lines.data ?? [])).toEqual(amounts(preview.lines.data));
    const prorationLine = renewal?.lines.data[1];
    expect(prorationLine?.parent?.subscription_item_details).toMatchObject({
      proration: true,
      subscription_item: itemId,
    });
  });

  it('with always_invoice: an invoice now, finalized and charged, equal to the preview to the cent', async () => {
    const { sub, pro, itemId } = await subscribedThenTenDaysLater();
    const items = [{ id: itemId, price: pro.id }];
    const preview = await h.stripe.invoices.createPreview({
      subscription: sub.id,
      subscription_details: { items, proration_behavior: 'always_invoice', proration_date: CHANGE_AT },
    });
    expect(amounts(preview.lines.data)).toEqual([CREDIT, CHARGE]);

    const updated = await h.stripe.subscriptions.update(sub.id, {
      items,
      proration_behavior: 'always_invoice',
      proration_date: CHANGE_AT,
      expand: ['latest_invoice'],
    });
    const invoice = updated.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({
      status: 'paid',
      billing_reason: 'subscription_update',
      total: CREDIT + CHARGE,
      amount_paid: preview.amount_due,
    });
    expect(amounts(invoice.lines.data)).toEqual(amounts(preview.lines.data));
    expect(invoice.lines.data[0]?.period).toEqual({ start: CHANGE_AT, end: FEB_15 });
    expect(updated.items.data[0]).toMatchObject({ id: itemId, price: { id: pro.id }, current_period_end: FEB_15 });
  });

  it('a downgrade with always_invoice leaves the credit on the customer balance for the next invoice', async () => {
    const { clock, customer } = await h.customerOnClock();
    const basic = await h.monthlyPrice(1500);
    const pro = await h.monthlyPrice(4000);
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }] });
    await h.advance(clock.id, CHANGE_AT);
    const updated = await h.stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]?.id, price: basic.id }],
      proration_behavior: 'always_invoice',
      proration_date: CHANGE_AT,
      expand: ['latest_invoice'],
    });
    const invoice = updated.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({
      total: -CHARGE - CREDIT,
      amount_due: 0,
      status: 'paid',
      ending_balance: -CHARGE - CREDIT,
    });
    expect((await h.stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ balance: -1694 });

    await h.advance(clock.id, FEB_15 + 2 * 3600);
    const [renewal] = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data;
    expect(renewal).toMatchObject({
      total: 1500,
      starting_balance: -1694,
      amount_due: 0,
      ending_balance: -194,
      status: 'paid',
    });
  });

  it('a switch to a yearly price restarts the cycle now and invoices the year less the unused month', async () => {
    const { sub, itemId } = await subscribedThenTenDaysLater();
    const yearly = await h.stripe.prices.create({
      product: String((sub.items.data[0]?.price as Stripe.Price).product),
      currency: 'usd',
      unit_amount: 15000,
      recurring: { interval: 'year' },
    });
    const updated = await h.stripe.subscriptions.update(sub.id, {
      items: [{ id: itemId, price: yearly.id }],
      proration_date: CHANGE_AT,
      expand: ['latest_invoice'],
    });
    const invoice = updated.latest_invoice as Stripe.Invoice;
    expect(updated.billing_cycle_anchor).toBe(CHANGE_AT);
    expect(updated.items.data[0]).toMatchObject({
      current_period_start: CHANGE_AT,
      current_period_end: CHANGE_AT + 365 * DAY,
    });
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', total: 15000 + CREDIT, status: 'paid' });
  });

  it('a quantity change prorates the seats', async () => {
    const { sub, itemId } = await subscribedThenTenDaysLater();
    const preview = await h.stripe.invoices.createPreview({
      subscription: sub.id,
      subscription_details: {
        items: [{ id: itemId, quantity: 3 }],
        proration_behavior: 'always_invoice',
        proration_date: CHANGE_AT,
      },
    });
    // 3 × 1500 × 21/31 = 3048.39 → 3048
    expect(amounts(preview.lines.data)).toEqual([CREDIT, 3048]);
    expect(preview.lines.data[1]?.description).toBe('Remaining time on 3 × Plan 1500 after 25 Jan 2030');
  });
});
