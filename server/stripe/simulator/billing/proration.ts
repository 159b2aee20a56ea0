import type { Ctx } from '../state/context';
import type { InvoiceItem, Price, Subscription } from '../state/objects';
import { newInvoiceItem } from './invoice-items';
import { normaliseDecimal, proratedAmount } from './money';
import { formatDate } from './periods';
import { currentPeriod } from './subscription-state';

export interface ItemState {
  itemId: string;
  price: Price;
  quantity: number;
}

/** One subscription item before and/or after a change (only before: removed; only after: added). */
export interface ItemChange {
  before?: ItemState;
  after?: ItemState;
}

/**
 * Stripe's prorations for changes at `at` within the current period [start, end): a credit for the
 * unused time on what the item was, a charge for the remaining time on what it is now, each
 * `unit × quantity × (end − at) / (end − start)` in seconds, rounded once to the minor unit.
 * They are pending invoice items, swept into the next invoice (or invoiced at once).
 */
export function createProrations(ctx: Ctx, sub: Subscription, changes: ItemChange[], at: number): InvoiceItem[] {
  const period = currentPeriod(sub);
  const customer = ctx.tx.get('customer', String(sub.customer));
  if (at >= period.end || !customer) return [];
  const items: InvoiceItem[] = [];
  const prorate = (state: ItemState, sign: 1 | -1, words: string) => {
    const unit = state.price.unit_amount_decimal ?? '0';
    const amount = sign * proratedAmount(unit, state.quantity, period.end - at, period.end - period.start);
    const product = ctx.tx.get('product', String(state.price.product))?.name ?? String(state.price.product);
    const times = state.quantity > 1 ? `${state.quantity} × ` : '';
    items.push(
      newInvoiceItem(ctx, {
        customer,
        amount,
        currency: state.price.currency,
        description: `${words} ${times}${product} after ${formatDate(at)}`,
        period: { start: at, end: period.end },
        price: state.price,
        quantity: state.quantity,
        unitAmountDecimal: normaliseDecimal((amount / state.quantity).toFixed(12)),
        proration: true,
        subscription: sub.id,
        subscriptionItem: state.itemId,
        date: ctx.now(typeof sub.test_clock === 'string' ? sub.test_clock : null),
      }),
    );
  };
  for (const change of changes) {
    if (change.before) prorate(change.before, -1, 'Unused time on');
    if (change.after) prorate(change.after, 1, 'Remaining time on');
  }
  return items;
}
