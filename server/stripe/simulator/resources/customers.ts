import { attachPaymentMethod, requireAttached, resolvePaymentMethod } from '../billing/payment-methods';
import { cancelNow } from '../billing/subscription-cancel';
import { invalidRequest } from '../http/errors';
import {
  array,
  emptyable,
  integer,
  metadata,
  object,
  oneOf,
  parseParams,
  range,
  inRange,
  required,
  string,
} from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit, updateWithEvent } from '../state/events';
import { present } from '../state/expand';
import { newCode, newId } from '../state/ids';
import { listParams, paginate } from '../state/lists';
import { applyMetadata, requireObject } from '../state/lookup';
import type { Customer } from '../state/objects';

const address = object({
  city: string(),
  country: string(),
  line1: string(),
  line2: string(),
  postal_code: string(),
  state: string(),
});
const editable = {
  address: emptyable(address),
  balance: integer(),
  description: emptyable(string()),
  email: emptyable(string({ max: 512 })),
  expand: array(string()),
  invoice_settings: object({
    custom_fields: emptyable(array(object({ name: required(string()), value: required(string()) }))),
    default_payment_method: emptyable(string()),
    footer: emptyable(string()),
  }),
  metadata: metadata(),
  name: emptyable(string({ max: 256 })),
  phone: emptyable(string({ max: 20 })),
  preferred_locales: emptyable(array(string())),
  tax_exempt: emptyable(oneOf('none', 'exempt', 'reverse')),
};
const createShape = { ...editable, payment_method: string(), test_clock: string() };
type Editable = ReturnType<typeof parseParams<typeof editable>>;

function createCustomer(ctx: Ctx, p: ReturnType<typeof parseParams<typeof createShape>>): Customer {
  const clock = p.test_clock ? requireObject(ctx, 'test_clock', p.test_clock, 'test_clock').id : null;
  const customer: Customer = {
    id: newId('cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created: ctx.now(clock),
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: newCode(8),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: clock,
  };
  ctx.tx.insert('customer', customer);
  // Announced first, but in its final state: a default card set at creation is not a later update.
  const announce = ctx.tx.events.length;
  if (p.payment_method) {
    attachPaymentMethod(ctx, resolvePaymentMethod(ctx, p.payment_method, 'payment_method'), customer);
  }
  applyEdits(ctx, customer, p);
  emit(ctx, 'customer.created', customer, { position: announce });
  return customer;
}

function applyEdits(ctx: Ctx, customer: Customer, p: Editable): void {
  if (p.address !== undefined) {
    customer.address = p.address && {
      city: null,
      country: null,
      line1: null,
      line2: null,
      postal_code: null,
      state: null,
      ...p.address,
    };
  }
  if (p.balance !== undefined) customer.balance = p.balance;
  if (p.description !== undefined) customer.description = p.description;
  if (p.email !== undefined) customer.email = p.email;
  if (p.name !== undefined) customer.name = p.name;
  if (p.phone !== undefined) customer.phone = p.phone;
  if (p.preferred_locales !== undefined) customer.preferred_locales = p.preferred_locales ?? [];
  if (p.tax_exempt !== undefined) customer.tax_exempt = p.tax_exempt ?? 'none';
  customer.metadata = applyMetadata(customer.metadata, p.metadata);
  const settings = p.invoice_settings;
  if (settings?.footer !== undefined) customer.invoice_settings.footer = settings.footer;
  if (settings?.custom_fields !== undefined) customer.invoice_settings.custom_fields = settings.custom_fields;
  if (settings?.default_payment_method !== undefined) {
    const pmId = settings.default_payment_method;
    customer.invoice_settings.default_payment_method =
      pmId === null ? null : requireAttached(ctx, pmId, customer, 'invoice_settings[default_payment_method]').id;
  }
}

function listCustomers(ctx: Ctx, p: ReturnType<typeof parseParams<typeof listShape>>) {
  // Like Stripe, customers on a test clock are listed only when that clock is asked for.
  const customers = ctx.tx.find(
    'customer',
    (c) =>
      (p.test_clock ? c.test_clock === p.test_clock : !c.test_clock) &&
      (p.email === undefined || c.email === p.email) &&
      inRange(c.created, p.created),
  );
  return paginate(customers, p, '/v1/customers');
}
const listShape = { ...listParams, email: string(), created: range(), test_clock: string() };

/** `customers.search` for the simple clauses an app uses: `email:'…'`, `name:'…'`, `metadata['k']:'…'`, joined by AND. */
function searchCustomers(ctx: Ctx, query: string) {
  const clauses = query.split(/\s+AND\s+/i).map((clause) => {
    const m = /^\s*(email|name|metadata\[['"]([^'"]+)['"]\])\s*:\s*['"](.*)['"]\s*$/.exec(clause);
    if (!m)
      throw invalidRequest(
        `The simulator's customer search supports email, name and metadata clauses only: ${clause}`,
        'query',
      );
    return (c: Customer) => (m[2] ? c.metadata[m[2]] : m[1] === 'email' ? c.email : c.name) === m[3];
  });
  const data = ctx.tx.find('customer', (c) => clauses.every((matches) => matches(c)));
  return { object: 'search_result', data, has_more: false, next_page: null, url: '/v1/customers/search' };
}

export const customerRoutes: Route[] = [
  route('POST', '/v1/customers', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    return present(ctx, createCustomer(ctx, p), p.expand);
  }),
  route('GET', '/v1/customers', (ctx, req) => {
    const p = parseParams(listShape, req.params);
    return present(ctx, listCustomers(ctx, p), p.expand);
  }),
  route('GET', '/v1/customers/search', (ctx, req) => {
    const p = parseParams(
      { query: required(string()), limit: integer({ min: 1, max: 100 }), page: string(), expand: array(string()) },
      req.params,
    );
    return present(ctx, searchCustomers(ctx, p.query), p.expand);
  }),
  route('GET', '/v1/customers/:id', (ctx, req) => {
    const p = parseParams({ expand: array(string()) }, req.params);
    return present(ctx, requireObject(ctx, 'customer', req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/customers/:id', (ctx, req) => {
    const p = parseParams(editable, req.params);
    const customer = requireObject(ctx, 'customer', req.path.id ?? '');
    updateWithEvent(ctx, 'customer.updated', customer, () => applyEdits(ctx, customer, p));
    return present(ctx, customer, p.expand);
  }),
  route('DELETE', '/v1/customers/:id', (ctx, req) => {
    parseParams({}, req.params);
    const customer = requireObject(ctx, 'customer', req.path.id ?? '');
    for (const sub of ctx.tx.find(
      'subscription',
      (s) => s.customer === customer.id && !['canceled', 'incomplete_expired'].includes(s.status),
    )) {
      cancelNow(ctx, sub, {});
    }
    emit(ctx, 'customer.deleted', customer);
    ctx.tx.remove('customer', customer.id);
    return { id: customer.id, object: 'customer', deleted: true };
  }),
];
