import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import { newId } from '../state/ids';
import type { Customer, InvoiceItem, Price } from '../state/objects';

export interface InvoiceItemSpec {
  customer: Customer;
  amount: number;
  currency: string;
  description: string | null;
  period: { start: number; end: number };
  price: Price | null;
  quantity: number;
  unitAmountDecimal: string | null;
  proration: boolean;
  subscription: string | null;
  subscriptionItem?: string | null;
  discountable?: boolean;
  metadata?: Record<string, string>;
  date: number;
}

/** Stores and announces an invoice item; it waits (`invoice: null`) for the customer's next invoice. */
export function newInvoiceItem(ctx: Ctx, spec: InvoiceItemSpec): InvoiceItem {
  const item: InvoiceItem = {
    id: newId('ii'),
    object: 'invoiceitem',
    amount: spec.amount,
    currency: spec.currency,
    customer: spec.customer.id,
    customer_account: null,
    date: spec.date,
    description: spec.description,
    discountable: spec.discountable ?? true,
    discounts: [],
    invoice: null,
    livemode: false,
    metadata: spec.metadata ?? {},
    net_amount: spec.amount,
    parent: spec.subscription
      ? {
          type: 'subscription_details',
          subscription_details: {
            subscription: spec.subscription,
            ...(spec.subscriptionItem ? { subscription_item: spec.subscriptionItem } : {}),
          },
        }
      : null,
    period: { ...spec.period },
    pricing: {
      type: 'price_details',
      ...(spec.price ? { price_details: { price: spec.price.id, product: String(spec.price.product) } } : {}),
      unit_amount_decimal: spec.unitAmountDecimal,
    },
    proration: spec.proration,
    ...(spec.proration ? { proration_details: { credited_items: null, discount_amounts: [] } } : {}),
    quantity: spec.quantity,
    quantity_decimal: String(spec.quantity),
    tax_rates: [],
    test_clock: spec.customer.test_clock ?? null,
  };
  ctx.tx.insert('invoiceitem', item);
  emit(ctx, 'invoiceitem.created', item);
  return item;
}
