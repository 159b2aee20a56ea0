import type Stripe from 'stripe';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '@/db/schema';
import type {
  CustomerSnapshot,
  InvoiceLineSnapshot,
  InvoicePreview,
  InvoiceSnapshot,
  PaymentMethodSnapshot,
  SubscriptionSnapshot,
} from '../billing/payments.port';

/** Stripe objects → the snapshots the domain and the mirror work with. */

const date = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);
const idOf = (value: string | { id: string } | null | undefined) =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : value.id;

export function customerSnapshot(customer: Stripe.Customer | Stripe.DeletedCustomer): CustomerSnapshot {
  if ('deleted' in customer && customer.deleted) {
    return {
      id: customer.id,
      email: null,
      name: null,
      defaultPaymentMethodId: null,
      deleted: true,
      organizationId: null,
    };
  }
  const live = customer as Stripe.Customer;
  return {
    id: live.id,
    email: live.email,
    name: live.name ?? null,
    defaultPaymentMethodId: idOf(live.invoice_settings?.default_payment_method),
    deleted: false,
    organizationId: live.metadata?.organization_id ?? null,
  };
}

export function paymentMethodSnapshot(pm: Stripe.PaymentMethod): PaymentMethodSnapshot {
  return {
    id: pm.id,
    customerId: idOf(pm.customer),
    type: pm.type,
    brand: pm.card?.brand ?? null,
    last4: pm.card?.last4 ?? null,
    expMonth: pm.card?.exp_month ?? null,
    expYear: pm.card?.exp_year ?? null,
  };
}

const isStatus = (status: string): status is SubscriptionStatus =>
  (SUBSCRIPTION_STATUSES as readonly string[]).includes(status);

export function subscriptionSnapshot(sub: Stripe.Subscription): SubscriptionSnapshot {
  const item = sub.items.data[0];
  return {
    id: sub.id,
    customerId: idOf(sub.customer)!,
    status: isStatus(sub.status) ? sub.status : 'incomplete',
    itemId: item?.id ?? null,
    priceId: item?.price.id ?? null,
    unitAmount: item?.price.unit_amount ?? null,
    currency: sub.currency,
    currentPeriodStart: date(item?.current_period_start),
    currentPeriodEnd: date(item?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    canceledAt: date(sub.canceled_at),
    endedAt: date(sub.ended_at),
    trialEnd: date(sub.trial_end),
    scheduleId: idOf(sub.schedule),
    latestInvoiceId: idOf(sub.latest_invoice),
    organizationId: sub.metadata?.organization_id ?? null,
    localSubscriptionId: sub.metadata?.subscription_row_id ?? null,
    created: new Date(sub.created * 1000),
  };
}

function lineSnapshot(line: Stripe.InvoiceLineItem): InvoiceLineSnapshot {
  const price = line.pricing?.price_details;
  const parent = line.parent;
  const proration = parent?.subscription_item_details?.proration ?? parent?.invoice_item_details?.proration ?? false;
  return {
    id: line.id,
    description: line.description,
    amount: line.amount,
    currency: line.currency,
    quantity: line.quantity ?? null,
    unitAmountDecimal: line.pricing?.unit_amount_decimal?.toString() ?? null,
    proration,
    periodStart: date(line.period?.start),
    periodEnd: date(line.period?.end),
    priceId: price ? idOf(price.price) : null,
  };
}

const discountTotal = (invoice: Stripe.Invoice) =>
  (invoice.total_discount_amounts ?? []).reduce((sum: number, d) => sum + d.amount, 0);
const taxTotal = (invoice: Stripe.Invoice) => (invoice.total_taxes ?? []).reduce((sum: number, t) => sum + t.amount, 0);

export function invoiceSnapshot(invoice: Stripe.Invoice): InvoiceSnapshot {
  return {
    id: invoice.id!,
    customerId: idOf(invoice.customer)!,
    subscriptionId: idOf(invoice.parent?.subscription_details?.subscription),
    number: invoice.number,
    status: (invoice.status ?? 'draft') as InvoiceSnapshot['status'],
    billingReason: invoice.billing_reason,
    currency: invoice.currency,
    subtotal: invoice.subtotal,
    discountTotal: discountTotal(invoice),
    tax: taxTotal(invoice),
    total: invoice.total,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    amountRemaining: invoice.amount_remaining,
    attemptCount: invoice.attempt_count,
    periodStart: date(invoice.period_start),
    periodEnd: date(invoice.period_end),
    dueDate: date(invoice.due_date),
    paidAt: date(invoice.status_transitions?.paid_at),
    nextPaymentAttempt: date(invoice.next_payment_attempt),
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    created: new Date(invoice.created * 1000),
    lines: invoice.lines.data.map(lineSnapshot),
  };
}

export function invoicePreview(invoice: Stripe.Invoice): InvoicePreview {
  return {
    currency: invoice.currency,
    subtotal: invoice.subtotal,
    discountTotal: discountTotal(invoice),
    total: invoice.total,
    amountDue: invoice.amount_due,
    lines: invoice.lines.data.map(lineSnapshot),
  };
}
