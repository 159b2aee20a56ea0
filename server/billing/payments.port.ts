/**
 * What the billing domain needs from the payment provider, in our own terms. The Stripe adapter
 * (server/stripe/gateway.ts) implements it; domain code never sees Stripe's SDK.
 */
import type { SubscriptionStatus } from '@/db/schema';

export interface CustomerSnapshot {
  id: string;
  email: string | null;
  name: string | null;
  defaultPaymentMethodId: string | null;
  deleted: boolean;
  organizationId: string | null;
}

export interface PaymentMethodSnapshot {
  id: string;
  customerId: string | null;
  type: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
}

export interface SubscriptionSnapshot {
  id: string;
  customerId: string;
  status: SubscriptionStatus;
  itemId: string | null;
  priceId: string | null;
  unitAmount: number | null;
  currency: string;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
  trialEnd: Date | null;
  scheduleId: string | null;
  latestInvoiceId: string | null;
  organizationId: string | null;
  /** Our row id, passed in metadata at creation, so an early webhook finds the row being created. */
  localSubscriptionId: string | null;
  created: Date;
}

export interface InvoiceLineSnapshot {
  id: string;
  description: string | null;
  amount: number;
  currency: string;
  quantity: number | null;
  unitAmountDecimal: string | null;
  proration: boolean;
  periodStart: Date | null;
  periodEnd: Date | null;
  priceId: string | null;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export interface InvoiceSnapshot {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  number: string | null;
  status: InvoiceStatus;
  billingReason: string | null;
  currency: string;
  subtotal: number;
  discountTotal: number;
  tax: number;
  total: number;
  amountDue: number;
  amountPaid: number;
  amountRemaining: number;
  attemptCount: number;
  periodStart: Date | null;
  periodEnd: Date | null;
  dueDate: Date | null;
  paidAt: Date | null;
  nextPaymentAttempt: Date | null;
  hostedInvoiceUrl: string | null;
  invoicePdf: string | null;
  created: Date;
  lines: InvoiceLineSnapshot[];
}

/** An invoice Stripe would issue for a change, not yet issued. */
export interface InvoicePreview {
  currency: string;
  subtotal: number;
  discountTotal: number;
  total: number;
  amountDue: number;
  lines: InvoiceLineSnapshot[];
}

export interface SetupIntentSnapshot {
  id: string;
  clientSecret: string | null;
  status: string;
}

export type ProrationMode = 'always_invoice' | 'create_prorations' | 'none';

export interface CouponTerms {
  name: string;
  code: string;
  percentOff: string | null;
  amountOff: number | null;
  currency: string | null;
  duration: 'once' | 'repeating' | 'forever';
  durationInMonths: number | null;
  metadata: Record<string, string>;
}

/** A Stripe product; `planId` is the plan id we put in its metadata. */
export interface ProductSnapshot {
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  planId: string | null;
}

/** A Stripe price; prices are immutable but for `active` and the lookup key. */
export interface PriceSnapshot {
  id: string;
  productId: string;
  active: boolean;
  currency: string;
  unitAmount: number | null;
  interval: 'month' | 'year' | null;
  lookupKey: string | null;
}

export interface PromotionCodeSnapshot {
  id: string;
  code: string;
  active: boolean;
  couponId: string | null;
}

export interface PaymentsGateway {
  /** A coupon and the promotion code customers type; our database enforces who may redeem it. */
  createPromotionCode(terms: CouponTerms, key: string): Promise<{ couponId: string; promotionCodeId: string }>;
  setPromotionCodeActive(promotionCodeId: string, active: boolean, key: string): Promise<void>;
  retrievePromotionCode(id: string): Promise<PromotionCodeSnapshot>;

  createProduct(
    input: { name: string; description: string | null; metadata: Record<string, string> },
    key: string,
  ): Promise<ProductSnapshot>;
  updateProduct(
    id: string,
    input: { name?: string; description?: string | null; active?: boolean; metadata?: Record<string, string> },
    key: string,
  ): Promise<ProductSnapshot>;
  retrieveProduct(id: string): Promise<ProductSnapshot>;
  /** A recurring price; the lookup key moves to it from any price that holds it. */
  createPrice(
    input: {
      productId: string;
      currency: string;
      unitAmount: number;
      interval: 'month' | 'year';
      lookupKey: string;
      metadata: Record<string, string>;
    },
    key: string,
  ): Promise<PriceSnapshot>;
  /** Archives or reactivates a price, or moves a lookup key to it. */
  updatePrice(id: string, input: { active?: boolean; lookupKey?: string }, key: string): Promise<PriceSnapshot>;
  retrievePrice(id: string): Promise<PriceSnapshot>;

  createCustomer(
    input: { organizationId: string; name: string | null; email: string | null },
    key: string,
  ): Promise<CustomerSnapshot>;
  updateCustomer(
    id: string,
    input: { name?: string | null; email?: string | null; defaultPaymentMethodId?: string },
    key: string,
  ): Promise<CustomerSnapshot>;
  retrieveCustomer(id: string): Promise<CustomerSnapshot>;

  retrievePaymentMethod(id: string): Promise<PaymentMethodSnapshot>;
  attachPaymentMethod(paymentMethodId: string, customerId: string, key: string): Promise<PaymentMethodSnapshot>;
  detachPaymentMethod(paymentMethodId: string, key: string): Promise<PaymentMethodSnapshot>;
  listPaymentMethods(customerId: string): Promise<PaymentMethodSnapshot[]>;
  createSetupIntent(customerId: string, key: string): Promise<SetupIntentSnapshot>;

  createSubscription(
    input: {
      customerId: string;
      priceId: string;
      paymentMethodId: string | null;
      trialDays: number;
      promotionCodeId: string | null;
      metadata: Record<string, string>;
    },
    key: string,
  ): Promise<SubscriptionSnapshot>;
  retrieveSubscription(id: string): Promise<SubscriptionSnapshot>;
  changeSubscriptionPrice(
    input: { subscriptionId: string; itemId: string; priceId: string; prorationDate: number; proration: ProrationMode },
    key: string,
  ): Promise<SubscriptionSnapshot>;
  previewSubscriptionChange(input: {
    customerId: string;
    subscriptionId: string;
    itemId: string;
    priceId: string;
    prorationDate: number;
    proration: ProrationMode;
  }): Promise<InvoicePreview>;
  /** Moves the subscription to `priceId` when the current period ends; returns the schedule id. */
  scheduleChangeAtPeriodEnd(
    input: { subscriptionId: string; currentPriceId: string; priceId: string; periodEnd: number },
    key: string,
  ): Promise<{ scheduleId: string }>;
  releaseSchedule(scheduleId: string, key: string): Promise<void>;
  setCancelAtPeriodEnd(subscriptionId: string, cancel: boolean, key: string): Promise<SubscriptionSnapshot>;
  cancelSubscriptionNow(subscriptionId: string, key: string): Promise<SubscriptionSnapshot>;

  retrieveInvoice(id: string): Promise<InvoiceSnapshot>;
  /** Adds a line to a draft invoice (usage overage at renewal). */
  addInvoiceItem(
    input: {
      customerId: string;
      invoiceId: string;
      amount: number;
      currency: string;
      description: string;
      metadata: Record<string, string>;
    },
    key: string,
  ): Promise<{ id: string }>;
  /** Charges an open invoice now with the customer's default card. */
  payInvoice(id: string, key: string): Promise<InvoiceSnapshot>;
  previewUpcomingInvoice(customerId: string, subscriptionId: string): Promise<InvoicePreview | null>;
}
