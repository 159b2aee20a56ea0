import type Stripe from 'stripe';
import type { Database } from '@/db/client';
import type { PaymentsGateway } from '../../billing/payments.port';
import { priceSnapshot, productSnapshot, promotionCodeSnapshot } from '../catalog-snapshots';
import { applyCouponDeleted, applyPrice, applyProduct, applyPromotionCode } from '../mirror/catalog';
import { applyCustomer, applyPaymentMethod } from '../mirror/customers';
import { PermanentEventError } from '../mirror/errors';
import { applyInvoice } from '../mirror/invoices';
import type { ApplyOutcome } from '../mirror/ordering';
import { applySubscription, type MirrorContext } from '../mirror/subscriptions';
import { customerSnapshot, invoiceSnapshot, paymentMethodSnapshot, subscriptionSnapshot } from '../snapshots';
import { markPaymentFailed } from './payment-failed';

/** The object an event is about, as a snapshot: from the payload, or read back from Stripe. */
type Loader = {
  fromPayload(object: unknown): unknown;
  fromStripe(gateway: PaymentsGateway, id: string): Promise<unknown>;
};
type Applier = (db: Database, snapshot: never, context: MirrorContext, event: Stripe.Event) => Promise<ApplyOutcome>;

interface EventRoute {
  load: Loader;
  apply: Applier;
}

const subscription: Loader = {
  fromPayload: (o) => subscriptionSnapshot(o as Stripe.Subscription),
  fromStripe: (g, id) => g.retrieveSubscription(id),
};
const invoice: Loader = {
  fromPayload: (o) => invoiceSnapshot(o as Stripe.Invoice),
  fromStripe: (g, id) => g.retrieveInvoice(id),
};
const paymentMethod: Loader = {
  fromPayload: (o) => paymentMethodSnapshot(o as Stripe.PaymentMethod),
  fromStripe: (g, id) => g.retrievePaymentMethod(id),
};
const customer: Loader = {
  fromPayload: (o) => customerSnapshot(o as Stripe.Customer),
  fromStripe: (g, id) => g.retrieveCustomer(id),
};

const applySub: Applier = async (db, snapshot, context) => (await applySubscription(db, snapshot, context)).outcome;
const applyInv: Applier = async (db, snapshot, context) => (await applyInvoice(db, snapshot, context)).outcome;
const applyFailedPayment: Applier = async (db, snapshot, context) => {
  const outcome = (await applyInvoice(db, snapshot, context)).outcome;
  if (outcome === 'applied' || outcome === 'unchanged') await markPaymentFailed(db, snapshot, context);
  return outcome;
};
const applyPm: Applier = (db, snapshot, context) =>
  applyPaymentMethod(db, snapshot, (snapshot as { customerId: string | null }).customerId !== null, context);
const applyCust: Applier = (db, snapshot, context) => applyCustomer(db, snapshot, context);

// Catalog objects are always re-read from Stripe before they are applied (see mirror/catalog.ts).
const product: Loader = {
  fromPayload: (o) => productSnapshot(o as Stripe.Product),
  fromStripe: (g, id) => g.retrieveProduct(id),
};
const price: Loader = {
  fromPayload: (o) => priceSnapshot(o as Stripe.Price),
  fromStripe: (g, id) => g.retrievePrice(id),
};
const promotionCode: Loader = {
  fromPayload: (o) => promotionCodeSnapshot(o as Stripe.PromotionCode),
  fromStripe: (g, id) => g.retrievePromotionCode(id),
};
const deletedCoupon: Loader = {
  fromPayload: (o) => ({ id: (o as Stripe.Coupon).id }),
  fromStripe: async (_g, id) => ({ id }),
};

/** Event type → how to read its object and apply it. Types not listed are recorded and acknowledged. */
export const EVENT_ROUTES: Record<string, EventRoute> = {
  'customer.subscription.created': { load: subscription, apply: applySub },
  'customer.subscription.updated': { load: subscription, apply: applySub },
  'customer.subscription.deleted': { load: subscription, apply: applySub },
  'customer.subscription.paused': { load: subscription, apply: applySub },
  'customer.subscription.resumed': { load: subscription, apply: applySub },
  'customer.subscription.trial_will_end': { load: subscription, apply: applySub },
  'invoice.created': { load: invoice, apply: applyInv },
  'invoice.updated': { load: invoice, apply: applyInv },
  'invoice.finalized': { load: invoice, apply: applyInv },
  'invoice.paid': { load: invoice, apply: applyInv },
  'invoice.payment_succeeded': { load: invoice, apply: applyInv },
  'invoice.payment_failed': { load: invoice, apply: applyFailedPayment },
  'invoice.payment_action_required': { load: invoice, apply: applyFailedPayment },
  'invoice.voided': { load: invoice, apply: applyInv },
  'invoice.marked_uncollectible': { load: invoice, apply: applyInv },
  'customer.updated': { load: customer, apply: applyCust },
  'customer.deleted': { load: customer, apply: applyCust },
  'payment_method.attached': { load: paymentMethod, apply: applyPm },
  'payment_method.detached': { load: paymentMethod, apply: applyPm },
  'payment_method.updated': { load: paymentMethod, apply: applyPm },
  'product.created': { load: product, apply: applyProduct },
  'product.updated': { load: product, apply: applyProduct },
  'price.created': { load: price, apply: applyPrice },
  'price.updated': { load: price, apply: applyPrice },
  'promotion_code.created': { load: promotionCode, apply: applyPromotionCode },
  'promotion_code.updated': { load: promotionCode, apply: applyPromotionCode },
  'coupon.deleted': { load: deletedCoupon, apply: applyCouponDeleted },
};

/** The object of an event as a snapshot; a payload that does not parse is a permanent failure. */
export function snapshotFromPayload(route: EventRoute, event: Stripe.Event): unknown {
  try {
    return route.load.fromPayload(event.data.object);
  } catch (error) {
    throw new PermanentEventError(
      `malformed ${event.type} payload: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export const objectIdOf = (event: Stripe.Event): string | null => {
  const object = event.data.object as { id?: unknown };
  return typeof object.id === 'string' ? object.id : null;
};
