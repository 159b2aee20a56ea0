import type { Ctx } from '../state/context';
import { newId } from '../state/ids';
import type { Customer, Invoice, InvoiceItem, InvoiceLineItem, Price, Subscription } from '../state/objects';
import { refreshTotals } from './invoice-totals';

type BillingReason = NonNullable<Invoice['billing_reason']>;

export interface InvoiceSpec {
  customer: Customer;
  subscription: Subscription | null;
  billingReason: BillingReason;
  collectionMethod: 'charge_automatically' | 'send_invoice';
  autoAdvance: boolean;
  period: { start: number; end: number };
  currency: string;
  discounts: string[];
  defaultPaymentMethod?: string | null;
  daysUntilDue?: number | null;
  description?: string | null;
  metadata?: Record<string, string>;
  /** When the invoice is made, if not now (a renewal previewed ahead of its time). */
  created?: number;
}

/** A new draft invoice, stored but not announced (callers emit `invoice.created` when it is complete). */
export function newInvoice(ctx: Ctx, spec: InvoiceSpec): Invoice {
  const { customer, subscription } = spec;
  const clock = typeof customer.test_clock === 'string' ? customer.test_clock : null;
  const now = spec.created ?? ctx.now(clock);
  const id = newId('in');
  const invoice: Invoice = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Stripe Simulator',
    account_tax_ids: null,
    amount_due: 0,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: spec.autoAdvance,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: spec.billingReason,
    collection_method: spec.collectionMethod,
    created: now,
    currency: spec.currency,
    custom_fields: customer.invoice_settings.custom_fields,
    customer: customer.id,
    customer_account: null,
    customer_address: customer.address ?? null,
    customer_email: customer.email,
    customer_name: customer.name ?? null,
    customer_phone: customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: customer.tax_exempt ?? 'none',
    customer_tax_ids: [],
    default_payment_method: spec.defaultPaymentMethod ?? null,
    default_source: null,
    default_tax_rates: [],
    description: spec.description ?? null,
    discounts: spec.discounts,
    due_date: spec.collectionMethod === 'send_invoice' ? now + (spec.daysUntilDue ?? 30) * 86_400 : null,
    effective_at: null,
    ending_balance: null,
    footer: customer.invoice_settings.footer,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: spec.metadata ?? {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: subscription
      ? {
          type: 'subscription_details',
          quote_details: null,
          subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: spec.period.end,
    period_start: spec.period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: { amount_tax_display: null, pdf: { page_size: 'auto' }, template: null, template_version: null },
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subscription: null,
    subtotal: 0,
    subtotal_excluding_tax: 0,
    test_clock: clock,
    total: 0,
    total_discount_amounts: [],
    total_excluding_tax: 0,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  return ctx.tx.insert('invoice', invoice);
}

export interface SubscriptionLine {
  subscription: Subscription;
  itemId: string;
  price: Price;
  quantity: number;
  amount: number;
  description: string;
  period: { start: number; end: number };
}

/** A line for a subscription item's period (not an invoice item). */
export function addSubscriptionLine(ctx: Ctx, invoice: Invoice, line: SubscriptionLine): void {
  invoice.lines.data.push({
    ...lineBase(ctx, invoice, line.amount, line.description, line.period, line.quantity),
    parent: {
      type: 'subscription_item_details',
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: line.subscription.id,
        subscription_item: line.itemId,
      },
    },
    pricing: {
      type: 'price_details',
      price_details: { price: line.price.id, product: String(line.price.product) },
      unit_amount_decimal: line.price.unit_amount_decimal,
    },
    subscription: line.subscription.id,
  });
}

/** Puts a pending invoice item on a draft invoice, as a line. */
export function attachInvoiceItem(ctx: Ctx, invoice: Invoice, item: InvoiceItem): void {
  item.invoice = invoice.id;
  const details = item.parent?.subscription_details ?? null;
  const subscription = details?.subscription ?? null;
  const proration = { credited_items: null };
  const parent: InvoiceLineItem['parent'] = details?.subscription_item
    ? {
        type: 'subscription_item_details',
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: item.id,
          proration: item.proration,
          proration_details: proration,
          subscription,
          subscription_item: details.subscription_item,
        },
      }
    : {
        type: 'invoice_item_details',
        invoice_item_details: {
          invoice_item: item.id,
          proration: item.proration,
          proration_details: proration,
          subscription,
        },
        subscription_item_details: null,
      };
  invoice.lines.data.push({
    ...lineBase(ctx, invoice, item.amount, item.description, item.period, item.quantity),
    discountable: item.discountable,
    metadata: item.metadata ?? {},
    parent,
    pricing: item.pricing,
    subscription,
  });
}

/** Removes an invoice item's line from a draft (the item was deleted or moved). */
export function detachInvoiceItem(invoice: Invoice, itemId: string): void {
  invoice.lines.data = invoice.lines.data.filter((line) => lineInvoiceItem(line) !== itemId);
}

function lineInvoiceItem(line: InvoiceLineItem): string | null {
  return (
    line.parent?.invoice_item_details?.invoice_item ?? line.parent?.subscription_item_details?.invoice_item ?? null
  );
}

/** Sweeps the customer's pending invoice items (for this subscription, or for none) onto the invoice. */
export function sweepPendingItems(ctx: Ctx, invoice: Invoice, subscriptionId: string | null): void {
  const pending = ctx.tx.find(
    'invoiceitem',
    (ii) => ii.customer === invoice.customer && ii.invoice === null && ii.currency === invoice.currency,
  );
  for (const item of pending.reverse()) {
    const owner = item.parent?.subscription_details?.subscription ?? null;
    if (owner === null || owner === subscriptionId) attachInvoiceItem(ctx, invoice, item);
  }
  refreshTotals(ctx, invoice);
}

function lineBase(
  ctx: Ctx,
  invoice: Invoice,
  amount: number,
  description: string | null,
  period: { start: number; end: number },
  quantity: number | null,
) {
  return {
    id: ctx.preview ? newId('il_tmp') : newId('il'),
    object: 'line_item' as const,
    amount,
    currency: invoice.currency,
    description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoice.id,
    livemode: false,
    metadata: {},
    period: { ...period },
    pretax_credit_amounts: [],
    quantity,
    quantity_decimal: quantity === null ? null : String(quantity),
    subtotal: amount,
    taxes: [],
  };
}
