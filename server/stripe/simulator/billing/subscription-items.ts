import { invalidRequest, paramError } from '../http/errors';
import type { Ctx } from '../state/context';
import { planOf } from '../state/hydrate';
import { newId } from '../state/ids';
import { applyMetadata, requireObject } from '../state/lookup';
import type { Price, Subscription, SubscriptionItem } from '../state/objects';
import { buildPrice } from '../resources/prices';
import { newInvoiceItem } from './invoice-items';
import { lineAmount } from './money';
import type { AddInvoiceItem, CreateParams } from './subscription-params';

type ItemInput = Pick<CreateParams['items'][number], 'price' | 'price_data'>;

/** The recurring price an item names (`price`) or describes (`price_data`, a new hidden price). */
export function resolveItemPrice(ctx: Ctx, input: ItemInput, param: string): Price {
  if (input.price && input.price_data) {
    throw invalidRequest(
      'You may only specify one of these parameters: price, price_data.',
      param,
      'parameters_exclusive',
    );
  }
  if (input.price_data) return buildPrice(ctx, { ...input.price_data }, true);
  if (!input.price)
    throw invalidRequest(`Missing required param: ${param}[price].`, `${param}[price]`, 'parameter_missing');
  const price = requireObject(ctx, 'price', input.price, `${param}[price]`);
  if (!price.active) {
    throw invalidRequest('The price specified is inactive. This field only accepts active prices.', `${param}[price]`);
  }
  if (price.type !== 'recurring') {
    throw invalidRequest(
      `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`,
      `${param}[price]`,
    );
  }
  return price;
}

export function newSubscriptionItem(
  subscription: string,
  price: Price,
  quantity: number,
  metadata: Record<string, string> | null | undefined,
  period: { start: number; end: number },
  created: number,
): SubscriptionItem {
  return {
    id: newId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created,
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata: applyMetadata({}, metadata),
    plan: planOf(price),
    price,
    quantity,
    subscription,
    tax_rates: [],
  };
}

/** `add_invoice_items`: one-off charges, pending on the subscription until its next invoice. */
export function addInvoiceItems(ctx: Ctx, sub: Subscription, inputs: AddInvoiceItem[], now: number): void {
  const customer = requireObject(ctx, 'customer', String(sub.customer), 'customer');
  inputs.forEach((input, i) => {
    const param = `add_invoice_items[${i}]`;
    if (!input.price === !input.price_data)
      throw paramError('You must specify exactly one of price or price_data.', param);
    const price = input.price_data
      ? buildPrice(ctx, input.price_data, true)
      : requireObject(ctx, 'price', input.price ?? '', `${param}[price]`);
    if (price.type !== 'one_time')
      throw invalidRequest('add_invoice_items only accepts prices with `type=one_time`.', `${param}[price]`);
    const quantity = input.quantity ?? 1;
    newInvoiceItem(ctx, {
      customer,
      amount: lineAmount(price.unit_amount_decimal ?? '0', quantity),
      currency: price.currency,
      description: ctx.tx.get('product', String(price.product))?.name ?? null,
      period: { start: now, end: now },
      price,
      quantity,
      unitAmountDecimal: price.unit_amount_decimal,
      proration: false,
      subscription: sub.id,
      date: now,
    });
  });
}

/** The simulator computes no tax: asking Stripe to is refused rather than silently ignored. */
export function refuseAutomaticTax(p: { automatic_tax?: { enabled: boolean } }): void {
  if (p.automatic_tax?.enabled)
    throw invalidRequest('The Stripe simulator does not calculate tax.', 'automatic_tax[enabled]');
}
