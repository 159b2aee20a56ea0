import { attachInvoiceItem, detachInvoiceItem } from '../billing/invoice-builder';
import { newInvoiceItem } from '../billing/invoice-items';
import { refreshTotals } from '../billing/invoice-totals';
import { lineAmount, normaliseDecimal } from '../billing/money';
import { invalidRequest, paramError } from '../http/errors';
import {
  array,
  boolean,
  decimal,
  inRange,
  integer,
  metadata,
  object,
  parseParams,
  range,
  required,
  string,
} from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import { present } from '../state/expand';
import { listParams, paginate } from '../state/lists';
import { applyMetadata, requireObject } from '../state/lookup';
import type { Invoice, InvoiceItem, Price } from '../state/objects';
import { buildPrice, priceAmountShape } from './prices';

const expand = array(string());
const period = object({ start: required(integer()), end: required(integer()) });
const createShape = {
  customer: required(string()),
  amount: integer(),
  currency: string(),
  description: string(),
  discountable: boolean(),
  invoice: string(),
  metadata: metadata(),
  period,
  pricing: object({ price: string() }),
  price_data: object({ ...priceAmountShape, product: required(string()) }),
  quantity: integer({ min: 0 }),
  subscription: string(),
  unit_amount_decimal: decimal(),
  tax_behavior: string(),
  expand,
};

interface Amounts {
  amount: number;
  currency: string;
  price: Price | null;
  unit: string | null;
}

/** Exactly one way to say how much: `amount`, `pricing[price]`, `price_data` or `unit_amount_decimal`. */
function amountsOf(
  ctx: Ctx,
  p: ReturnType<typeof parseParams<typeof createShape>>,
  fallbackCurrency: string | null,
): Amounts {
  const ways = [p.amount, p.pricing?.price, p.price_data, p.unit_amount_decimal].filter((v) => v !== undefined);
  if (ways.length !== 1) {
    throw paramError(
      'You must specify exactly one of amount, pricing[price], price_data or unit_amount_decimal.',
      'amount',
    );
  }
  const quantity = p.quantity ?? 1;
  if (p.amount !== undefined) {
    const currency = p.currency ?? fallbackCurrency;
    if (!currency) throw paramError('Missing required param: currency.', 'currency', 'parameter_missing');
    return {
      amount: p.amount,
      currency,
      price: null,
      unit: quantity ? normaliseDecimal((p.amount / quantity).toFixed(12)) : null,
    };
  }
  const price = p.pricing?.price
    ? requireObject(ctx, 'price', p.pricing.price, 'pricing[price]')
    : p.price_data
      ? buildPrice(ctx, p.price_data, true)
      : null;
  const unit = price?.unit_amount_decimal ?? normaliseDecimal(p.unit_amount_decimal ?? '0');
  const currency = price?.currency ?? p.currency ?? fallbackCurrency;
  if (!currency) throw paramError('Missing required param: currency.', 'currency', 'parameter_missing');
  return { amount: lineAmount(unit, quantity), currency, price, unit };
}

function draftInvoice(ctx: Ctx, id: string, customer: string, param: string): Invoice {
  const invoice = requireObject(ctx, 'invoice', id, param);
  if (invoice.customer !== customer) throw invalidRequest('The invoice belongs to another customer.', param);
  if (invoice.status !== 'draft')
    throw invalidRequest('You can only add invoice items to draft invoices.', param, 'invoice_not_editable');
  return invoice;
}

function createItem(ctx: Ctx, p: ReturnType<typeof parseParams<typeof createShape>>): InvoiceItem {
  const customer = requireObject(ctx, 'customer', p.customer, 'customer');
  const sub = p.subscription ? requireObject(ctx, 'subscription', p.subscription, 'subscription') : null;
  if (sub && sub.customer !== customer.id)
    throw invalidRequest('The subscription does not belong to this customer.', 'subscription');
  const invoice = p.invoice ? draftInvoice(ctx, p.invoice, customer.id, 'invoice') : undefined;
  const { amount, currency, price, unit } = amountsOf(ctx, p, invoice?.currency ?? customer.currency ?? null);
  if (invoice && invoice.currency !== currency)
    throw invalidRequest(`The invoice item's currency must be ${invoice.currency}.`, 'currency');
  const now = ctx.now(typeof customer.test_clock === 'string' ? customer.test_clock : null);
  const item = newInvoiceItem(ctx, {
    customer,
    amount,
    currency,
    description: p.description ?? null,
    period: p.period ?? { start: now, end: now },
    price,
    quantity: p.quantity ?? 1,
    unitAmountDecimal: unit,
    proration: false,
    subscription: sub?.id ?? null,
    discountable: p.discountable,
    metadata: applyMetadata({}, p.metadata),
    date: now,
  });
  if (invoice) {
    attachInvoiceItem(ctx, invoice, item);
    refreshTotals(ctx, invoice);
  }
  return item;
}

/** Items still pending, or on a draft, can change; the draft's line follows. */
function editableInvoice(ctx: Ctx, item: InvoiceItem): Invoice | undefined {
  if (item.invoice === null) return undefined;
  const invoice = requireObject(ctx, 'invoice', String(item.invoice), 'invoice');
  if (invoice.status !== 'draft')
    throw invalidRequest('You can only modify invoice items on draft invoices.', undefined, 'invoice_not_editable');
  return invoice;
}

const updateShape = {
  amount: integer(),
  description: string(),
  discountable: boolean(),
  metadata: metadata(),
  period,
  quantity: integer({ min: 0 }),
  expand,
};

export const invoiceItemRoutes: Route[] = [
  route('POST', '/v1/invoiceitems', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    return present(ctx, createItem(ctx, p), p.expand);
  }),
  route('GET', '/v1/invoiceitems', (ctx, req) => {
    const p = parseParams(
      { ...listParams, customer: string(), invoice: string(), pending: boolean(), created: range() },
      req.params,
    );
    const items = ctx.tx.find(
      'invoiceitem',
      (x) =>
        (!p.customer || x.customer === p.customer) &&
        (!p.invoice || x.invoice === p.invoice) &&
        (p.pending === undefined || (x.invoice === null) === p.pending) &&
        inRange(x.date, p.created),
    );
    return present(ctx, paginate(items, p, '/v1/invoiceitems'), p.expand);
  }),
  route('GET', '/v1/invoiceitems/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    return present(ctx, requireObject(ctx, 'invoiceitem', req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/invoiceitems/:id', (ctx, req) => {
    const p = parseParams(updateShape, req.params);
    const item = requireObject(ctx, 'invoiceitem', req.path.id ?? '');
    const invoice = editableInvoice(ctx, item);
    if (p.quantity !== undefined && p.amount === undefined && item.pricing?.unit_amount_decimal) {
      item.amount = lineAmount(item.pricing.unit_amount_decimal, p.quantity);
    }
    if (p.amount !== undefined) item.amount = p.amount;
    if (p.quantity !== undefined) Object.assign(item, { quantity: p.quantity, quantity_decimal: String(p.quantity) });
    if (p.description !== undefined) item.description = p.description;
    if (p.discountable !== undefined) item.discountable = p.discountable;
    if (p.period) item.period = p.period;
    item.net_amount = item.amount;
    item.metadata = applyMetadata(item.metadata, p.metadata);
    if (invoice) {
      detachInvoiceItem(invoice, item.id);
      attachInvoiceItem(ctx, invoice, item);
      refreshTotals(ctx, invoice);
    }
    return present(ctx, item, p.expand);
  }),
  route('DELETE', '/v1/invoiceitems/:id', (ctx, req) => {
    parseParams({}, req.params);
    const item = requireObject(ctx, 'invoiceitem', req.path.id ?? '');
    const invoice = editableInvoice(ctx, item);
    if (invoice) {
      detachInvoiceItem(invoice, item.id);
      refreshTotals(ctx, invoice);
    }
    ctx.tx.remove('invoiceitem', item.id);
    emit(ctx, 'invoiceitem.deleted', item);
    return { id: item.id, object: 'invoiceitem', deleted: true };
  }),
];
