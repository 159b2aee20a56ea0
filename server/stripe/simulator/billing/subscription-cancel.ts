import { invalidRequest } from '../http/errors';
import type { Ctx } from '../state/context';
import type { Subscription } from '../state/objects';
import { createProrations } from './proration';
import { invoiceNow } from './subscription-invoices';
import { ENDED, currentPeriod, endSubscription } from './subscription-state';

export interface CancelOptions {
  /** Invoice the pending items (and the proration credit) now. */
  invoiceNow?: boolean;
  /** Credit the unused time of the current period. */
  prorate?: boolean;
  comment?: string | null;
  feedback?: string | null;
}

/** `subscriptions.cancel`: ends the subscription now, optionally crediting and invoicing first. */
export function cancelNow(ctx: Ctx, sub: Subscription, opts: CancelOptions): void {
  if (ENDED.includes(sub.status)) {
    throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.', undefined);
  }
  const now = ctx.now(typeof sub.test_clock === 'string' ? sub.test_clock : null);
  if (opts.prorate && sub.status !== 'trialing') {
    const before = sub.items.data.map((item) => ({
      before: { itemId: item.id, price: item.price, quantity: item.quantity ?? 1 },
    }));
    createProrations(ctx, sub, before, now);
  }
  const pending = ctx.tx.find(
    'invoiceitem',
    (ii) => ii.invoice === null && ii.parent?.subscription_details?.subscription === sub.id,
  );
  if (opts.invoiceNow && pending.length > 0) {
    const period = { start: currentPeriod(sub).start, end: now };
    invoiceNow(
      ctx,
      sub,
      { reason: 'subscription_update', billedPeriod: null, trial: false, invoicePeriod: period },
      'allow_incomplete',
    );
  }
  if (opts.comment !== undefined || opts.feedback !== undefined) {
    sub.cancellation_details = {
      comment: opts.comment ?? null,
      feedback: (opts.feedback ?? null) as NonNullable<Subscription['cancellation_details']>['feedback'],
      feedback_option: null,
      reason: null,
    };
  }
  endSubscription(ctx, sub, now, 'cancellation_requested');
}
