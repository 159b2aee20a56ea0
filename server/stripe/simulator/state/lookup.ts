import { resourceMissing } from '../http/errors';
import type { Ctx } from './context';
import type { Kind, KindMap } from './objects';

/** How Stripe names each kind in "No such …" messages. */
const LABELS: Record<Kind, string> = {
  customer: 'customer',
  payment_method: 'PaymentMethod',
  setup_intent: 'setupintent',
  product: 'product',
  price: 'price',
  coupon: 'coupon',
  promotion_code: 'promotion code',
  discount: 'discount',
  subscription: 'subscription',
  subscription_schedule: 'subscription schedule',
  invoice: 'invoice',
  invoiceitem: 'invoiceitem',
  invoice_payment: 'invoice payment',
  test_clock: 'test clock',
  event: 'event',
};

/** The object, or Stripe's 404 `resource_missing` naming the parameter that pointed at it. */
export function requireObject<K extends Kind>(ctx: Ctx, kind: K, id: string, param = 'id'): KindMap[K] {
  const found = ctx.tx.get(kind, id);
  if (!found) throw resourceMissing(LABELS[kind], id, param);
  return found;
}

/** The test clock a customer (and everything billed to it) runs on. */
export function clockOfCustomer(ctx: Ctx, customerId: string): string | null {
  const clock = ctx.tx.get('customer', customerId)?.test_clock;
  return typeof clock === 'string' ? clock : null;
}

/** Applies a metadata patch as Stripe does: '' removes a key, null clears all. */
export function applyMetadata(
  current: Record<string, string> | null,
  patch: Record<string, string> | null | undefined,
): Record<string, string> {
  if (patch === undefined) return current ?? {};
  if (patch === null) return {};
  const next = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}
