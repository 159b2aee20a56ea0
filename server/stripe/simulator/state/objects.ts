import type Stripe from 'stripe';

/**
 * An object as Stripe sends it on the wire: the SDK's own type, with its `Decimal` fields as the
 * decimal strings Stripe puts in the JSON (the SDK turns them into Decimal objects on receipt).
 */
export type Wire<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends Stripe.Decimal
    ? string
    : T extends ReadonlyArray<infer U>
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export type Customer = Wire<Stripe.Customer>;
export type PaymentMethod = Wire<Stripe.PaymentMethod>;
export type SetupIntent = Wire<Stripe.SetupIntent>;
export type Product = Wire<Stripe.Product>;
export type Price = Wire<Stripe.Price>;
export type Plan = Wire<Stripe.Plan>;
export type Coupon = Wire<Stripe.Coupon>;
export type PromotionCode = Wire<Stripe.PromotionCode>;
export type Discount = Wire<Stripe.Discount>;
export type Subscription = Wire<Stripe.Subscription>;
export type SubscriptionItem = Wire<Stripe.SubscriptionItem>;
export type SubscriptionSchedule = Wire<Stripe.SubscriptionSchedule>;
export type SchedulePhase = SubscriptionSchedule['phases'][number];
/** fixtures3 still lists the pre-basil `subscription` field on invoices, always null. */
export type Invoice = Wire<Stripe.Invoice> & { subscription: null };
export type InvoiceLineItem = Wire<Stripe.InvoiceLineItem>;
export type InvoiceItem = Wire<Stripe.InvoiceItem>;
export type InvoicePayment = Wire<Stripe.InvoicePayment>;
export type TestClock = Wire<Stripe.TestHelpers.TestClock>;
/** A list page of objects already in wire form. */
export interface ApiList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export type EventType = Stripe.Event['type'];
/** The object an event of type T carries, as the SDK declares it. */
export type EventObject<T extends EventType> = Wire<Extract<Stripe.Event, { type: T }>['data']['object']>;
/** Events are stored untyped by `type` (the SDK's union has hundreds of members); `emit` checks each one. */
export type StripeEvent = Omit<Wire<Stripe.EventBase>, 'data' | 'type'> & {
  type: EventType;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
};

/** Everything the simulator stores, by the name the store uses for it. */
export interface KindMap {
  customer: Customer;
  payment_method: PaymentMethod;
  setup_intent: SetupIntent;
  product: Product;
  price: Price;
  coupon: Coupon;
  promotion_code: PromotionCode;
  discount: Discount;
  subscription: Subscription;
  subscription_schedule: SubscriptionSchedule;
  invoice: Invoice;
  invoiceitem: InvoiceItem;
  invoice_payment: InvoicePayment;
  test_clock: TestClock;
  event: StripeEvent;
}
export type Kind = keyof KindMap;
export type AnyObject = KindMap[Kind];

/** The store kind of an object, from its `object` field. */
export function kindOfObject(objectName: string): Kind | undefined {
  if (objectName === 'test_helpers.test_clock') return 'test_clock';
  return KINDS.has(objectName as Kind) ? (objectName as Kind) : undefined;
}

const KINDS = new Set<Kind>([
  'customer',
  'payment_method',
  'setup_intent',
  'product',
  'price',
  'coupon',
  'promotion_code',
  'discount',
  'subscription',
  'subscription_schedule',
  'invoice',
  'invoiceitem',
  'invoice_payment',
  'test_clock',
  'event',
]);
