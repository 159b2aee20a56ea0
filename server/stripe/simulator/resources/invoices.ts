import { attemptPayment, finalizeInvoice, markPaid, markUncollectible, voidInvoice } from '../billing/collection';
import { discountParam, redeemDiscounts } from '../billing/discounts';
import { newInvoice, sweepPendingItems } from '../billing/invoice-builder';
import { refreshTotals } from '../billing/invoice-totals';
import { requireAttached } from '../billing/payment-methods';
import { previewInvoice, previewShape } from '../billing/preview';
import { cardError, invalidRequest } from '../http/errors';
import {
  array,
  boolean,
  emptyable,
  inRange,
  integer,
  metadata,
  oneOf,
  parseParams,
  range,
  required,
  string,
} from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit, updateWithEvent } from '../state/events';
import { present } from '../state/expand';
import { listParams, paginate } from '../state/lists';
import { applyMetadata, requireObject } from '../state/lookup';
import type { Invoice } from '../state/objects';

const expand = array(string());
const collection = oneOf('charge_automatically', 'send_invoice');
const createShape = {
  customer: required(string()),
  subscription: string(),
  pending_invoice_items_behavior: oneOf('include', 'exclude'),
  auto_advance: boolean(),
  collection_method: collection,
  days_until_due: integer({ min: 0 }),
  currency: string(),
  default_payment_method: string(),
  description: string(),
  discounts: emptyable(array(discountParam)),
  footer: string(),
  metadata: metadata(),
  expand,
};
/** Finalized invoices accept only these; the rest of a draft is fixed at finalization. */
const FINALIZED_EDITABLE = new Set([
  'metadata',
  'auto_advance',
  'default_payment_method',
  'description',
  'footer',
  'expand',
]);
const updateShape = {
  auto_advance: boolean(),
  collection_method: collection,
  days_until_due: integer({ min: 0 }),
  default_payment_method: emptyable(string()),
  description: emptyable(string()),
  discounts: emptyable(array(discountParam)),
  footer: emptyable(string()),
  metadata: metadata(),
  expand,
};

function clockOf(invoice: Invoice): string | null {
  return typeof invoice.test_clock === 'string' ? invoice.test_clock : null;
}

function createInvoice(ctx: Ctx, p: ReturnType<typeof parseParams<typeof createShape>>): Invoice {
  const customer = requireObject(ctx, 'customer', p.customer, 'customer');
  const sub = p.subscription ? requireObject(ctx, 'subscription', p.subscription, 'subscription') : null;
  if (sub && sub.customer !== customer.id)
    throw invalidRequest('The subscription does not belong to this customer.', 'subscription');
  const now = ctx.now(typeof customer.test_clock === 'string' ? customer.test_clock : null);
  const currency = p.currency ?? sub?.currency ?? customer.currency ?? 'usd';
  const invoice = newInvoice(ctx, {
    customer,
    subscription: sub,
    billingReason: 'manual',
    collectionMethod: p.collection_method ?? 'charge_automatically',
    autoAdvance: p.auto_advance ?? false,
    period: { start: now, end: now },
    currency,
    discounts: p.discounts
      ? redeemDiscounts(ctx, p.discounts, {
          customer,
          subscription: null,
          at: now,
          amount: Number.MAX_SAFE_INTEGER,
          currency,
        })
      : [],
    defaultPaymentMethod: p.default_payment_method
      ? requireAttached(ctx, p.default_payment_method, customer, 'default_payment_method').id
      : null,
    daysUntilDue: p.days_until_due,
    description: p.description,
    metadata: applyMetadata({}, p.metadata),
  });
  if (p.footer !== undefined) invoice.footer = p.footer;
  if (p.pending_invoice_items_behavior === 'include') sweepPendingItems(ctx, invoice, sub?.id ?? null);
  // An auto-advancing draft is finalized by Stripe about an hour after it is made.
  if (invoice.auto_advance) invoice.automatically_finalizes_at = now + 3600;
  refreshTotals(ctx, invoice);
  emit(ctx, 'invoice.created', invoice);
  return invoice;
}

function updateInvoice(ctx: Ctx, invoice: Invoice, p: ReturnType<typeof parseParams<typeof updateShape>>): void {
  if (invoice.status !== 'draft') {
    const fixed = Object.keys(p).find((key) => p[key as keyof typeof p] !== undefined && !FINALIZED_EDITABLE.has(key));
    if (fixed) throw invalidRequest(`You can only update ${fixed} on a draft invoice.`, fixed, 'invoice_not_editable');
  }
  const customer = requireObject(ctx, 'customer', String(invoice.customer), 'customer');
  updateWithEvent(ctx, 'invoice.updated', invoice, () => {
    if (p.auto_advance !== undefined) invoice.auto_advance = p.auto_advance;
    if (p.collection_method !== undefined) invoice.collection_method = p.collection_method;
    if (p.description !== undefined) invoice.description = p.description;
    if (p.footer !== undefined) invoice.footer = p.footer;
    if (p.days_until_due !== undefined) invoice.due_date = invoice.created + p.days_until_due * 86_400;
    if (p.default_payment_method !== undefined) {
      invoice.default_payment_method =
        p.default_payment_method &&
        requireAttached(ctx, p.default_payment_method, customer, 'default_payment_method').id;
    }
    if (p.discounts !== undefined) {
      const at = ctx.now(clockOf(invoice));
      invoice.discounts = p.discounts
        ? redeemDiscounts(ctx, p.discounts, {
            customer,
            subscription: null,
            at,
            amount: Number.MAX_SAFE_INTEGER,
            currency: invoice.currency,
          })
        : [];
    }
    invoice.metadata = applyMetadata(invoice.metadata, p.metadata);
    refreshTotals(ctx, invoice);
  });
}

function finalize(ctx: Ctx, invoice: Invoice, autoAdvance: boolean | undefined): void {
  if (invoice.status !== 'draft')
    throw invalidRequest(
      "This invoice is already finalized, you can't re-finalize a non-draft invoice.",
      undefined,
      'invoice_not_editable',
    );
  if (autoAdvance !== undefined) invoice.auto_advance = autoAdvance;
  finalizeInvoice(ctx, invoice);
  // Stripe collects an auto-advancing invoice about an hour after it is finalized.
  if (invoice.status === 'open' && invoice.auto_advance && invoice.collection_method === 'charge_automatically') {
    invoice.next_payment_attempt = ctx.now(clockOf(invoice)) + 3600;
  }
}

/** `invoices.pay`: a declined card is still a recorded attempt, so the 402 keeps the request's changes. */
function pay(ctx: Ctx, invoice: Invoice, p: { payment_method?: string; paid_out_of_band?: boolean }): void {
  if (invoice.status === 'paid') throw invalidRequest('Invoice is already paid', undefined);
  if (invoice.status === 'void') throw invalidRequest('This invoice is void and cannot be paid.', undefined);
  if (invoice.status === 'draft') finalizeInvoice(ctx, invoice);
  if (invoice.status === 'paid') return;
  if (p.paid_out_of_band) return markPaid(ctx, invoice, { outOfBand: true });
  const customer = requireObject(ctx, 'customer', String(invoice.customer), 'customer');
  const pm = p.payment_method ? requireAttached(ctx, p.payment_method, customer, 'payment_method') : undefined;
  const outcome = pm ? attemptPayment(ctx, invoice, pm) : attemptPayment(ctx, invoice);
  if (outcome.status === 'requires_action') {
    throw cardError(
      'invoice_payment_intent_requires_action',
      'This payment requires additional user action before it can be completed successfully. Payment can be completed using the PaymentIntent associated with the invoice.',
      undefined,
      { commit: true },
    );
  }
  if (outcome.status === 'failed')
    throw cardError(outcome.decline.code, outcome.decline.message, outcome.decline.declineCode, { commit: true });
}

const listShape = {
  ...listParams,
  customer: string(),
  subscription: string(),
  status: oneOf('draft', 'open', 'paid', 'uncollectible', 'void'),
  collection_method: collection,
  created: range(),
  due_date: range(),
};

export const invoiceRoutes: Route[] = [
  route('POST', '/v1/invoices', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    return present(ctx, createInvoice(ctx, p), p.expand);
  }),
  route('POST', '/v1/invoices/create_preview', (ctx, req) => {
    const p = parseParams(previewShape, req.params);
    const { scratch, invoice } = previewInvoice(ctx, p);
    return present(scratch, invoice, p.expand);
  }),
  route('GET', '/v1/invoices', (ctx, req) => {
    const p = parseParams(listShape, req.params);
    const invoices = ctx.tx.find(
      'invoice',
      (x) =>
        (!p.customer || x.customer === p.customer) &&
        (!p.subscription || x.parent?.subscription_details?.subscription === p.subscription) &&
        (!p.status || x.status === p.status) &&
        (!p.collection_method || x.collection_method === p.collection_method) &&
        inRange(x.created, p.created) &&
        (!p.due_date || (x.due_date !== null && inRange(x.due_date, p.due_date))),
    );
    return present(ctx, paginate(invoices, p, '/v1/invoices'), p.expand);
  }),
  route('GET', '/v1/invoices/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    return present(ctx, requireObject(ctx, 'invoice', req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/invoices/:id', (ctx, req) => {
    const p = parseParams(updateShape, req.params);
    const invoice = requireObject(ctx, 'invoice', req.path.id ?? '');
    updateInvoice(ctx, invoice, p);
    return present(ctx, invoice, p.expand);
  }),
  route('DELETE', '/v1/invoices/:id', (ctx, req) => {
    parseParams({}, req.params);
    const invoice = requireObject(ctx, 'invoice', req.path.id ?? '');
    if (invoice.status !== 'draft')
      throw invalidRequest('You can only delete draft invoices.', undefined, 'invoice_not_editable');
    for (const item of ctx.tx.find('invoiceitem', (ii) => ii.invoice === invoice.id)) item.invoice = null;
    ctx.tx.remove('invoice', invoice.id);
    emit(ctx, 'invoice.deleted', invoice);
    return { id: invoice.id, object: 'invoice', deleted: true };
  }),
  route('POST', '/v1/invoices/:id/finalize', (ctx, req) => {
    const p = parseParams({ auto_advance: boolean(), expand }, req.params);
    const invoice = requireObject(ctx, 'invoice', req.path.id ?? '');
    finalize(ctx, invoice, p.auto_advance);
    return present(ctx, invoice, p.expand);
  }),
  route('POST', '/v1/invoices/:id/pay', (ctx, req) => {
    const p = parseParams(
      { payment_method: string(), paid_out_of_band: boolean(), off_session: boolean(), forgive: boolean(), expand },
      req.params,
    );
    const invoice = requireObject(ctx, 'invoice', req.path.id ?? '');
    pay(ctx, invoice, p);
    return present(ctx, invoice, p.expand);
  }),
  route('POST', '/v1/invoices/:id/void', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    const invoice = requireObject(ctx, 'invoice', req.path.id ?? '');
    if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
      throw invalidRequest(
        `You can only void open or uncollectible invoices; this one is ${invoice.status}.`,
        undefined,
        'invoice_not_editable',
      );
    }
    voidInvoice(ctx, invoice);
    return present(ctx, invoice, p.expand);
  }),
  route('POST', '/v1/invoices/:id/mark_uncollectible', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    const invoice = requireObject(ctx, 'invoice', req.path.id ?? '');
    if (invoice.status !== 'open')
      throw invalidRequest(`You can only mark open invoices uncollectible; this one is ${invoice.status}.`, undefined);
    markUncollectible(ctx, invoice);
    return present(ctx, invoice, p.expand);
  }),
  route('GET', '/v1/invoices/:id/lines', (ctx, req) => {
    const p = parseParams(listParams, req.params);
    const invoice = requireObject(ctx, 'invoice', req.path.id ?? '');
    return present(ctx, paginate(invoice.lines.data, p, `/v1/invoices/${invoice.id}/lines`), p.expand);
  }),
];
