import { and, eq, inArray, lt, or, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { subscriptions } from '@/db/schema';
import { recordAudit } from '../../billing/audit.service';
import type { InvoiceSnapshot } from '../../billing/payments.port';
import type { MirrorContext } from '../mirror/subscriptions';

/**
 * A failed renewal starts the grace period at once, even before Stripe's own subscription update
 * arrives: the subscription goes past_due unless the mirror already holds a newer state.
 */
export async function markPaymentFailed(db: Database, invoice: InvoiceSnapshot, context: MirrorContext): Promise<void> {
  if (!invoice.subscriptionId || invoice.status !== 'open') return;
  const [row] = await db
    .update(subscriptions)
    .set({ status: 'past_due', pastDueSince: context.eventAt, stripeEventAt: context.eventAt, updatedAt: new Date() })
    .where(
      and(
        eq(subscriptions.stripeSubscriptionId, invoice.subscriptionId),
        inArray(subscriptions.status, ['active', 'trialing']),
        or(isNull(subscriptions.stripeEventAt), lt(subscriptions.stripeEventAt, context.eventAt)),
      ),
    )
    .returning();
  if (!row) return;
  await recordAudit(db, {
    organizationId: row.organizationId,
    actor: context.actor,
    action: 'subscription.payment_failed',
    targetType: 'subscription',
    targetId: row.id,
    after: { status: 'past_due', invoice: invoice.id, attemptCount: invoice.attemptCount },
    stripeEventId: context.stripeEventId,
    requestId: context.requestId,
  });
}
