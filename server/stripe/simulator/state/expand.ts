import { invalidRequest } from '../http/errors';
import type { Ctx } from './context';
import { hydrate } from './hydrate';
import { kindOfObject, type Kind } from './objects';

const MAX_DEPTH = 4;

/** Fields holding ids of other objects, which `expand` may replace with the objects. */
const EXPANDABLE = new Set([
  'customer',
  'default_payment_method',
  'default_price',
  'discounts',
  'confirmation_secret',
  'coupon',
  'invoice',
  'latest_invoice',
  'payment_method',
  'payments',
  'price',
  'product',
  'promotion_code',
  'released_subscription',
  'schedule',
  'subscription',
  'test_clock',
]);

/** Id prefixes, longest first so `sub_sched_` wins over `sub_`. */
const PREFIXES: Array<[string, Kind]> = [
  ['sub_sched_', 'subscription_schedule'],
  ['seti_', 'setup_intent'],
  ['promo_', 'promotion_code'],
  ['price_', 'price'],
  ['prod_', 'product'],
  ['clock_', 'test_clock'],
  ['inpay_', 'invoice_payment'],
  ['cus_', 'customer'],
  ['sub_', 'subscription'],
  ['evt_', 'event'],
  ['pm_', 'payment_method'],
  ['in_', 'invoice'],
  ['ii_', 'invoiceitem'],
  ['di_', 'discount'],
];

function kindOfId(fieldName: string, id: string): Kind | undefined {
  if (fieldName === 'coupon') return 'coupon';
  return PREFIXES.find(([prefix]) => id.startsWith(prefix))?.[1];
}

/** A stored object as a response: embedded copies refreshed, then the requested `expand` paths filled in. */
export function present<T extends { object: string }>(ctx: Ctx, obj: T, expand: readonly string[] = []): T {
  const copy = structuredClone(obj);
  const kind = kindOfObject(copy.object);
  if (kind) hydrate(ctx.tx, kind, copy as never);
  for (const path of expand) {
    const segments = path.split('.');
    const depth = segments.filter((s) => s !== 'data').length;
    if (depth > MAX_DEPTH)
      throw invalidRequest(`You cannot expand more than ${MAX_DEPTH} levels of a property.`, 'expand');
    expandAt(ctx, copy, segments);
  }
  return copy;
}

function expandAt(ctx: Ctx, node: unknown, segments: string[]): void {
  if (Array.isArray(node)) {
    for (const element of node) expandAt(ctx, element, segments);
    return;
  }
  const [head, ...rest] = segments;
  if (!head || typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  // Includable fields: present on an invoice only when asked for.
  if (head === 'payments' && record.object === 'invoice') record.payments = invoicePayments(ctx, String(record.id));
  if (head === 'confirmation_secret' && record.object === 'invoice')
    record.confirmation_secret = confirmationSecret(record);
  if (!Object.hasOwn(record, head)) throw cannotExpand(head);
  const value = record[head];
  const reference = typeof value === 'string' || value === null || (Array.isArray(value) && rest.length === 0);
  if (reference && !EXPANDABLE.has(head)) throw cannotExpand(head);
  if (typeof value === 'string') record[head] = fetchExpandable(ctx, head, value);
  else if (Array.isArray(value) && reference) {
    record[head] = value.map((v) => (typeof v === 'string' ? fetchExpandable(ctx, head, v) : v));
  } else if (value !== null && typeof value !== 'object') throw cannotExpand(head);
  if (rest.length) expandAt(ctx, record[head], rest);
}

function fetchExpandable(ctx: Ctx, field: string, id: string): unknown {
  const kind = kindOfId(field, id);
  if (!kind) throw cannotExpand(field);
  const found = ctx.tx.get(kind, id);
  if (!found) return { id, object: kind, deleted: true };
  return present(ctx, found);
}

function invoicePayments(ctx: Ctx, invoiceId: string) {
  const data = ctx.tx.find('invoice_payment', (p) => p.invoice === invoiceId);
  return { object: 'list', data, has_more: false, url: `/v1/invoice_payments?invoice=${invoiceId}` };
}

/**
 * What a client would confirm an open invoice's payment with. There is no browser-side Stripe here,
 * so it is only a well-formed secret (the simulator has no PaymentIntents endpoint).
 */
function confirmationSecret(invoice: Record<string, unknown>) {
  if (invoice.status !== 'open' || Number(invoice.amount_remaining) <= 0) return null;
  const id = String(invoice.id).replace(/^in_/, '');
  return { client_secret: `pi_${id}_secret_${id.split('').reverse().join('')}`, type: 'payment_intent' };
}

function cannotExpand(field: string) {
  return invalidRequest(`This property cannot be expanded (${field}).`, 'expand');
}
