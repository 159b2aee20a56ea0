import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_START, startHarness, type Harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('one-off invoices and invoice items', () => {
  it('draft → open → paid, with pending items swept in, numbered, and listed', async () => {
    const { customer } = await h.customerOnClock();
    const product = await h.stripe.products.create({ name: 'Consulting' });
    const hour = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 12000 });
    await h.stripe.invoiceItems.create({
      customer: customer.id,
      pricing: { price: hour.id },
      quantity: 2,
      description: 'Two hours',
    });
    await h.stripe.invoiceItems.create({
      customer: customer.id,
      currency: 'usd',
      unit_amount_decimal: Stripe.Decimal.from('0.5'),
      quantity: 3,
    });
    const draft = await h.stripe.invoices.create({
      customer: customer.id,
      pending_invoice_items_behavior: 'include',
      description: 'Services',
    });
    expect(draft).toMatchObject({
      status: 'draft',
      billing_reason: 'manual',
      subtotal: 24002,
      total: 24002,
      number: null,
      hosted_invoice_url: null,
    });
    const updated = await h.stripe.invoices.update(draft.id, { metadata: { po: '42' }, footer: 'Thanks' });
    expect(updated).toMatchObject({ metadata: { po: '42' }, footer: 'Thanks' });
    const open = await h.stripe.invoices.finalizeInvoice(draft.id, { auto_advance: false });
    expect(open).toMatchObject({
      status: 'open',
      amount_due: 24002,
      status_transitions: { finalized_at: CLOCK_START },
    });
    expect(open.number).toMatch(/^[0-9A-Z]{8}-0001$/);
    await expect(h.stripe.invoices.update(open.id, { collection_method: 'send_invoice' })).rejects.toMatchObject({
      code: 'invoice_not_editable',
    });
    const paid = await h.stripe.invoices.pay(open.id);
    expect(paid).toMatchObject({
      status: 'paid',
      amount_paid: 24002,
      amount_remaining: 0,
      status_transitions: { paid_at: CLOCK_START },
    });
    await expect(h.stripe.invoices.pay(open.id)).rejects.toMatchObject({ statusCode: 400 });
    const withPayments = await h.stripe.invoices.retrieve(open.id, { expand: ['payments'] });
    expect(withPayments.payments?.data[0]).toMatchObject({
      object: 'invoice_payment',
      amount_paid: 24002,
      status: 'paid',
    });
    expect((await h.stripe.invoicePayments.list({ invoice: open.id })).data).toHaveLength(1);
    expect((await h.stripe.invoices.list({ customer: customer.id, status: 'paid' })).data.map((i) => i.id)).toEqual([
      open.id,
    ]);
    expect((await h.stripe.invoices.list({ customer: customer.id, created: { gte: CLOCK_START } })).data).toHaveLength(
      1,
    );
  });

  it('invoice items can change or go while pending or on a draft, and not after', async () => {
    const { customer } = await h.customerOnClock();
    const draft = await h.stripe.invoices.create({ customer: customer.id });
    const item = await h.stripe.invoiceItems.create({
      customer: customer.id,
      invoice: draft.id,
      amount: 1000,
      currency: 'usd',
    });
    const changed = await h.stripe.invoiceItems.update(item.id, { amount: 1200, description: 'Adjusted' });
    expect(changed).toMatchObject({ amount: 1200, description: 'Adjusted', invoice: draft.id });
    expect(await h.stripe.invoices.retrieve(draft.id)).toMatchObject({ total: 1200 });
    const extra = await h.stripe.invoiceItems.create({
      customer: customer.id,
      invoice: draft.id,
      amount: 300,
      currency: 'usd',
    });
    expect(await h.stripe.invoiceItems.del(extra.id)).toMatchObject({ id: extra.id, deleted: true });
    expect(await h.stripe.invoices.retrieve(draft.id)).toMatchObject({ total: 1200 });
    await h.stripe.invoices.finalizeInvoice(draft.id);
    await expect(h.stripe.invoiceItems.update(item.id, { amount: 1 })).rejects.toMatchObject({
      code: 'invoice_not_editable',
    });
    await expect(
      h.stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 1, currency: 'usd' }),
    ).rejects.toMatchObject({
      code: 'invoice_not_editable',
    });
    expect((await h.stripe.invoiceItems.list({ invoice: draft.id })).data.map((i) => i.id)).toEqual([item.id]);
  });

  it('void, mark uncollectible, and delete a draft (its items become pending again)', async () => {
    const { customer } = await h.customerOnClock();
    const one = await h.stripe.invoices.create({ customer: customer.id });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: one.id, amount: 500, currency: 'usd' });
    await h.stripe.invoices.finalizeInvoice(one.id, { auto_advance: false });
    expect(await h.stripe.invoices.voidInvoice(one.id)).toMatchObject({
      status: 'void',
      status_transitions: { voided_at: CLOCK_START },
    });
    await expect(h.stripe.invoices.voidInvoice(one.id)).rejects.toMatchObject({ statusCode: 400 });

    const two = await h.stripe.invoices.create({ customer: customer.id });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: two.id, amount: 500, currency: 'usd' });
    await h.stripe.invoices.finalizeInvoice(two.id, { auto_advance: false });
    expect(await h.stripe.invoices.markUncollectible(two.id)).toMatchObject({ status: 'uncollectible' });

    const three = await h.stripe.invoices.create({ customer: customer.id });
    const item = await h.stripe.invoiceItems.create({
      customer: customer.id,
      invoice: three.id,
      amount: 700,
      currency: 'usd',
    });
    expect(await h.stripe.invoices.del(three.id)).toMatchObject({ id: three.id, deleted: true });
    expect((await h.stripe.invoiceItems.retrieve(item.id)).invoice).toBeNull();
    await expect(h.stripe.invoices.del(two.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('lists line items beyond the ten embedded in the invoice', async () => {
    const { customer } = await h.customerOnClock();
    const draft = await h.stripe.invoices.create({ customer: customer.id });
    for (let i = 1; i <= 12; i++)
      await h.stripe.invoiceItems.create({
        customer: customer.id,
        invoice: draft.id,
        amount: i * 100,
        currency: 'usd',
      });
    const invoice = await h.stripe.invoices.retrieve(draft.id);
    expect(invoice.lines).toMatchObject({ has_more: true, url: `/v1/invoices/${draft.id}/lines` });
    expect(invoice.lines.data).toHaveLength(10);
    expect(invoice.total).toBe(7800);
    const all: Stripe.InvoiceLineItem[] = [];
    for await (const line of h.stripe.invoices.listLineItems(draft.id, { limit: 5 })) all.push(line);
    expect(all.map((l) => l.amount)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200]);
  });

  it('an auto-advancing invoice finalizes an hour later and is collected an hour after that', async () => {
    const { clock, customer } = await h.customerOnClock();
    await h.stripe.invoiceItems.create({ customer: customer.id, amount: 4200, currency: 'usd' });
    const draft = await h.stripe.invoices.create({
      customer: customer.id,
      pending_invoice_items_behavior: 'include',
      auto_advance: true,
    });
    expect(draft.automatically_finalizes_at).toBe(CLOCK_START + 3600);
    await h.advance(clock.id, CLOCK_START + 3 * 3600);
    expect(await h.stripe.invoices.retrieve(draft.id)).toMatchObject({ status: 'paid', amount_paid: 4200 });
  });

  it('a declined payment is a recorded attempt with Stripe’s 402', async () => {
    const { customer } = await h.customerOnClock('pm_card_chargeCustomerFail');
    const draft = await h.stripe.invoices.create({ customer: customer.id });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 900, currency: 'usd' });
    await expect(h.stripe.invoices.pay(draft.id)).rejects.toMatchObject({ statusCode: 402, code: 'card_declined' });
    expect(await h.stripe.invoices.retrieve(draft.id)).toMatchObject({
      status: 'open',
      attempt_count: 1,
      attempted: true,
    });
    const paid = await h.stripe.invoices.pay(draft.id, { paid_out_of_band: true });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 900 });
  });

  it('previews the pending items of a customer without a subscription', async () => {
    const { customer } = await h.customerOnClock();
    await h.stripe.invoiceItems.create({ customer: customer.id, amount: 250, currency: 'usd' });
    const preview = await h.stripe.invoices.createPreview({
      customer: customer.id,
      invoice_items: [{ amount: 100, currency: 'usd', description: 'extra' }],
    });
    expect(preview).toMatchObject({ total: 350, status: 'draft' });
    expect((await h.stripe.invoiceItems.list({ customer: customer.id })).data).toHaveLength(1);
  });

  it('a subscription billed with sent invoices is active at once, its invoice open until paid', async () => {
    const { customer } = await h.customerOnClock();
    const price = await h.monthlyPrice(1500);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      collection_method: 'send_invoice',
      days_until_due: 14,
      expand: ['latest_invoice'],
    });
    expect(sub.status).toBe('active');
    expect(sub.latest_invoice).toMatchObject({
      status: 'open',
      collection_method: 'send_invoice',
      due_date: CLOCK_START + 14 * 86_400,
      attempt_count: 0,
    });
    const paid = await h.stripe.invoices.pay((sub.latest_invoice as Stripe.Invoice).id, { paid_out_of_band: true });
    expect(paid.status).toBe('paid');
  });
});
