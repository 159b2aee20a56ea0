import {
  array,
  boolean,
  emptyable,
  integer,
  metadata,
  object,
  oneOf,
  required,
  string,
  timestampOr,
  type Parsed,
} from '../http/params';
import { priceAmountShape, recurringShape } from '../resources/prices';
import { discountParam } from './discounts';

/** Subscription parameters, shared by the subscription endpoints, schedules and invoice previews. */
const priceData = object({ ...priceAmountShape, product: required(string()), recurring: required(recurringShape) });
export const paymentBehavior = oneOf(
  'allow_incomplete',
  'error_if_incomplete',
  'pending_if_incomplete',
  'default_incomplete',
);
export const prorationBehavior = oneOf('create_prorations', 'none', 'always_invoice');
const collectionMethod = oneOf('charge_automatically', 'send_invoice');
const expand = array(string());

/** One-off charges added to the next invoice (Stripe: one-time prices only). */
const addInvoiceItems = array(
  object({
    price: string(),
    price_data: object({ ...priceAmountShape, product: required(string()) }),
    quantity: integer({ min: 0 }),
  }),
  { max: 20 },
);
/** Accepted so an app can send them; the simulator computes no tax and bills classic and flexible modes alike. */
const automaticTax = object({ enabled: required(boolean()) });
const billingMode = object({ type: required(oneOf('classic', 'flexible')) });

export const newItemShape = {
  price: string(),
  price_data: priceData,
  quantity: integer({ min: 0 }),
  metadata: metadata(),
};
export const itemUpdateShape = { ...newItemShape, id: string(), deleted: boolean(), clear_usage: boolean() };

export const createShape = {
  customer: required(string()),
  add_invoice_items: addInvoiceItems,
  automatic_tax: automaticTax,
  billing_mode: billingMode,
  cancel_at: integer({ min: 0 }),
  items: required(array(object(newItemShape), { max: 20 })),
  default_payment_method: string(),
  trial_period_days: integer({ min: 0, max: 730 }),
  trial_end: timestampOr('now'),
  trial_from_plan: boolean(),
  trial_settings: object({
    end_behavior: required(object({ missing_payment_method: required(oneOf('cancel', 'create_invoice', 'pause')) })),
  }),
  discounts: emptyable(array(discountParam)),
  payment_behavior: paymentBehavior,
  proration_behavior: prorationBehavior,
  collection_method: collectionMethod,
  days_until_due: integer({ min: 0 }),
  cancel_at_period_end: boolean(),
  off_session: boolean(),
  currency: string(),
  description: string(),
  metadata: metadata(),
  payment_settings: object({ save_default_payment_method: oneOf('off', 'on_subscription') }),
  expand,
};
export type CreateParams = Parsed<typeof createShape>;

export const updateShape = {
  items: array(object(itemUpdateShape), { max: 20 }),
  add_invoice_items: addInvoiceItems,
  automatic_tax: automaticTax,
  proration_behavior: prorationBehavior,
  proration_date: integer({ min: 0 }),
  payment_behavior: paymentBehavior,
  billing_cycle_anchor: oneOf('now', 'unchanged'),
  cancel_at_period_end: boolean(),
  cancel_at: emptyable(integer({ min: 0 })),
  cancellation_details: object({ comment: emptyable(string()), feedback: emptyable(string()) }),
  default_payment_method: emptyable(string()),
  discounts: emptyable(array(discountParam)),
  trial_end: timestampOr('now'),
  trial_settings: createShape.trial_settings,
  collection_method: collectionMethod,
  days_until_due: integer({ min: 0 }),
  pause_collection: emptyable(
    object({ behavior: required(oneOf('keep_as_draft', 'mark_uncollectible', 'void')), resumes_at: integer() }),
  ),
  off_session: boolean(),
  description: emptyable(string()),
  metadata: metadata(),
  payment_settings: createShape.payment_settings,
  expand,
};
export type UpdateParams = Parsed<typeof updateShape>;
export type ItemUpdate = NonNullable<UpdateParams['items']>[number];
export type AddInvoiceItem = NonNullable<CreateParams['add_invoice_items']>[number];
export type PaymentBehavior = NonNullable<CreateParams['payment_behavior']>;
export type ProrationBehavior = NonNullable<CreateParams['proration_behavior']>;
