import { invalidRequest, paramError } from '../http/errors';
import {
  array,
  boolean,
  decimal,
  emptyable,
  integer,
  object,
  oneOf,
  string,
  timestampOr,
  type Parsed,
} from '../http/params';
import { previewCtx, type Ctx } from '../state/context';
import { requireObject } from '../state/lookup';
import type { Invoice, Subscription } from '../state/objects';
import { discountParam, redeemDiscounts } from './discounts';
import { newInvoice, sweepPendingItems } from './invoice-builder';
import { newInvoiceItem } from './invoice-items';
import { lineAmount } from './money';
import { renewSubscription } from './renewal';
import { createSubscription } from './subscription-create';
import { itemUpdateShape, prorationBehavior } from './subscription-params';
import { ENDED, currentPeriod } from './subscription-state';
import { updateSubscription } from './subscription-update';

export const previewShape = {
  customer: string(),
  subscription: string(),
  currency: string(),
  discounts: emptyable(array(discountParam)),
  invoice_items: array(
    object({
      amount: integer(),
      currency: string(),
      description: string(),
      quantity: integer({ min: 0 }),
      unit_amount_decimal: decimal(),
    }),
  ),
  subscription_details: object({
    items: array(object(itemUpdateShape)),
    proration_behavior: prorationBehavior,
    proration_date: integer({ min: 0 }),
    billing_cycle_anchor: oneOf('now', 'unchanged'),
    cancel_at_period_end: boolean(),
    trial_end: timestampOr('now'),
  }),
  expand: array(string()),
};
export type PreviewParams = Parsed<typeof previewShape>;

/**
 * `invoices.createPreview`: runs the very change (or the coming renewal) in a scratch transaction
 * that is thrown away, so a preview shows exactly what the real call with the same
 * `proration_date` will invoice. With `always_invoice` (or a new interval) that is the invoice the
 * change makes at once; otherwise the next renewal invoice with the change's prorations in it.
 */
export function previewInvoice(ctx: Ctx, p: PreviewParams): { scratch: Ctx; invoice: Invoice } {
  const scratch = previewCtx(ctx);
  const invoice = p.subscription ? previewForSubscription(scratch, p, p.subscription) : previewForCustomer(scratch, p);
  return { scratch, invoice: asPreview(invoice) };
}

function previewForSubscription(ctx: Ctx, p: PreviewParams, id: string): Invoice {
  const sub = requireObject(ctx, 'subscription', id, 'subscription');
  if (p.customer && p.customer !== sub.customer)
    throw invalidRequest('The subscription does not belong to this customer.', 'subscription');
  const d = p.subscription_details;
  if (d || p.discounts !== undefined) {
    const immediate = updateSubscription(ctx, sub, {
      items: d?.items,
      proration_behavior: d?.proration_behavior,
      proration_date: d?.proration_date,
      billing_cycle_anchor: d?.billing_cycle_anchor,
      cancel_at_period_end: d?.cancel_at_period_end,
      trial_end: d?.trial_end,
      discounts: p.discounts,
    });
    if (immediate) return immediate;
  }
  return upcomingRenewal(ctx, sub);
}

function upcomingRenewal(ctx: Ctx, sub: Subscription): Invoice {
  const period = currentPeriod(sub);
  const at = sub.cancel_at !== null && sub.cancel_at < period.end ? sub.cancel_at : period.end;
  const invoice = ENDED.includes(sub.status) ? null : renewSubscription(ctx, sub, at);
  if (!invoice)
    throw invalidRequest(
      `No upcoming invoices for customer: ${String(sub.customer)}`,
      undefined,
      'invoice_upcoming_none',
    );
  return invoice;
}

function previewForCustomer(ctx: Ctx, p: PreviewParams): Invoice {
  if (!p.customer) throw paramError('Missing required param: customer.', 'customer', 'parameter_missing');
  const items = p.subscription_details?.items;
  if (items) {
    const sub = createSubscription(ctx, {
      customer: p.customer,
      items: items.map(({ price, price_data, quantity, metadata }) => ({ price, price_data, quantity, metadata })),
      discounts: p.discounts,
      trial_end: p.subscription_details?.trial_end,
      payment_behavior: 'default_incomplete',
    });
    return requireObject(ctx, 'invoice', String(sub.latest_invoice), 'subscription');
  }
  const customer = requireObject(ctx, 'customer', p.customer, 'customer');
  const now = ctx.now(typeof customer.test_clock === 'string' ? customer.test_clock : null);
  const currency = p.currency ?? customer.currency ?? 'usd';
  for (const item of p.invoice_items ?? []) {
    const quantity = item.quantity ?? 1;
    const amount = item.amount ?? lineAmount(item.unit_amount_decimal ?? '0', quantity);
    newInvoiceItem(ctx, {
      customer,
      amount,
      currency: item.currency ?? currency,
      description: item.description ?? null,
      period: { start: now, end: now },
      price: null,
      quantity,
      unitAmountDecimal: item.unit_amount_decimal ?? null,
      proration: false,
      subscription: null,
      date: now,
    });
  }
  const discounts = p.discounts
    ? redeemDiscounts(ctx, p.discounts, {
        customer,
        subscription: null,
        at: now,
        amount: Number.MAX_SAFE_INTEGER,
        currency,
      })
    : [];
  const invoice = newInvoice(ctx, {
    customer,
    subscription: null,
    billingReason: 'upcoming',
    collectionMethod: 'charge_automatically',
    autoAdvance: false,
    period: { start: now, end: now },
    currency,
    discounts,
  });
  sweepPendingItems(ctx, invoice, null);
  return invoice;
}

/** Previews have `upcoming_` ids (and `il_tmp_` lines) and are never stored. */
function asPreview(invoice: Invoice): Invoice {
  const id = `upcoming_${invoice.id}`;
  return {
    ...invoice,
    id,
    lines: {
      ...invoice.lines,
      url: `/v1/invoices/${id}/lines`,
      data: invoice.lines.data.map((line) => ({ ...line, invoice: id })),
    },
  };
}
