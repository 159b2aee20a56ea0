import type Stripe from 'stripe';
import type { Database } from '@/db/client';
import type { PaymentsGateway } from '../../billing/payments.port';
import { billRenewalOverage } from '../../billing/usage/overage.service';
import { invoiceSnapshot } from '../snapshots';

/**
 * Work that follows a committed event and talks to Stripe (so it cannot run inside the event's
 * transaction): a renewal invoice's `invoice.created` is where usage overage is added, while the
 * invoice is still a draft.
 */
export function webhookFollowUps(deps: { db: Database; payments: PaymentsGateway }) {
  return async (event: Stripe.Event): Promise<void> => {
    if (event.type === 'invoice.created') {
      await billRenewalOverage(deps, invoiceSnapshot(event.data.object as Stripe.Invoice));
    }
  };
}
