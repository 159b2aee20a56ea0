import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { subscriptions } from '@/db/schema';
import { ConflictError, NotFoundError } from '../errors';
import { applySubscription } from '../stripe/mirror/subscriptions';
import { recordAudit, type Actor } from './audit.service';
import type { PaymentsGateway } from './payments.port';
import { liveSubscription, toView, type SubscriptionView } from './subscriptions.queries';

interface Deps {
  db: Database;
  payments: PaymentsGateway;
}

interface Caller {
  organizationId: string;
  actor: Actor;
  requestId: string;
  now: Date;
}

async function liveConfirmed(db: Database, organizationId: string) {
  const row = await liveSubscription(db, organizationId);
  if (!row?.stripeSubscriptionId) throw new NotFoundError('Subscription');
  return row as typeof row & { stripeSubscriptionId: string };
}

/**
 * Cancels at the period end by default (access stays until then, and `resume` undoes it), or at once
 * on request. A pending downgrade is dropped first: there is nothing to downgrade to after the end.
 */
export async function cancelSubscription(
  deps: Deps,
  caller: Caller,
  options: { immediately: boolean },
): Promise<SubscriptionView> {
  const row = await liveConfirmed(deps.db, caller.organizationId);
  if (!options.immediately && row.cancelAtPeriodEnd) throw new ConflictError('The subscription is already set to end');
  if (row.stripeScheduleId)
    await deps.payments.releaseSchedule(row.stripeScheduleId, `subscription:cancel:release:${row.stripeScheduleId}`);
  const snapshot = options.immediately
    ? await deps.payments.cancelSubscriptionNow(row.stripeSubscriptionId, `subscription:cancel-now:${row.id}`)
    : await deps.payments.setCancelAtPeriodEnd(
        row.stripeSubscriptionId,
        true,
        `subscription:cancel:${row.id}:${caller.requestId}`,
      );
  return persist(
    deps.db,
    caller,
    row.id,
    snapshot,
    options.immediately ? 'subscription.canceled' : 'subscription.cancel_scheduled',
  );
}

/** Undoes a cancellation scheduled for the period end. */
export async function resumeSubscription(deps: Deps, caller: Caller): Promise<SubscriptionView> {
  const row = await liveConfirmed(deps.db, caller.organizationId);
  if (!row.cancelAtPeriodEnd)
    throw new ConflictError('The subscription is not set to end, so there is nothing to resume');
  const snapshot = await deps.payments.setCancelAtPeriodEnd(
    row.stripeSubscriptionId,
    false,
    `subscription:resume:${row.id}:${caller.requestId}`,
  );
  return persist(deps.db, caller, row.id, snapshot, 'subscription.resumed');
}

async function persist(
  db: Database,
  caller: Caller,
  id: string,
  snapshot: Parameters<typeof applySubscription>[1],
  action: string,
): Promise<SubscriptionView> {
  return db.transaction(async (tx) => {
    const { row } = await applySubscription(
      tx,
      { ...snapshot, scheduleId: null },
      {
        actor: caller.actor,
        stripeEventId: null,
        requestId: caller.requestId,
        eventAt: caller.now,
        authoritative: true,
      },
    );
    const [updated] = await tx
      .update(subscriptions)
      .set({ pendingPlanId: null, pendingBillingCycle: null, pendingEffectiveAt: null, stripeScheduleId: null })
      .where(eq(subscriptions.id, id))
      .returning();
    await recordAudit(tx, {
      organizationId: caller.organizationId,
      actor: caller.actor,
      action,
      targetType: 'subscription',
      targetId: id,
      after: { status: row!.status, cancelAtPeriodEnd: row!.cancelAtPeriodEnd, canceledAt: row!.canceledAt },
      requestId: caller.requestId,
    });
    return toView(tx, updated!);
  });
}
