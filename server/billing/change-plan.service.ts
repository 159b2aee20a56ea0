import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { subscriptions, type BillingCycle } from '@/db/schema';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { applySubscription } from '../stripe/mirror/subscriptions';
import { recordAudit, type Actor } from './audit.service';
import type { InvoiceLineSnapshot, PaymentsGateway } from './payments.port';
import { classifyPlanChange, type PlanChange } from './plan-change.rules';
import {
  liveSubscription,
  purchasablePrice,
  toView,
  type SubscriptionRow,
  type SubscriptionView,
} from './subscriptions.queries';

interface Deps {
  db: Database;
  payments: PaymentsGateway;
}

export interface ChangeInput {
  organizationId: string;
  planId: string;
  billingCycle: BillingCycle;
  /** Unix seconds the proration is computed at; the preview returns it so the charge matches it. */
  prorationDate?: number;
  actor: Actor;
  requestId: string;
  now: Date;
}

export interface ChangePreview {
  kind: Exclude<PlanChange, 'same'>;
  currency: string;
  /** Charged now (upgrades), after proration credit. */
  dueNow: number;
  /** The next regular invoice after the change. */
  nextInvoiceAmount: number;
  nextInvoiceAt: Date | null;
  effectiveAt: Date;
  prorationDate: number;
  lines: InvoiceLineSnapshot[];
}

/** The subscription a change applies to: live, confirmed by Stripe, not ending. */
async function changeable(
  db: Database,
  organizationId: string,
): Promise<SubscriptionRow & { stripeSubscriptionId: string }> {
  const row = await liveSubscription(db, organizationId);
  if (!row?.stripeSubscriptionId) throw new NotFoundError('Subscription');
  if (row.status === 'incomplete' || row.status === 'unpaid') {
    throw new ConflictError('Pay the open invoice before changing the plan');
  }
  return row as SubscriptionRow & { stripeSubscriptionId: string };
}

async function plan(deps: Deps, input: ChangeInput) {
  const row = await changeable(deps.db, input.organizationId);
  const target = await purchasablePrice(deps.db, input.planId, input.billingCycle, {
    allowPrivate: row.planId === input.planId,
  });
  const kind = classifyPlanChange(
    { planId: row.planId, billingCycle: row.billingCycle, unitAmount: row.unitAmount },
    { planId: target.plan.id, billingCycle: input.billingCycle, unitAmount: target.price.unitAmount },
  );
  if (kind === 'same') throw new ConflictError('The organization is already on this plan and cycle');
  const stripeSub = await deps.payments.retrieveSubscription(row.stripeSubscriptionId);
  if (!stripeSub.itemId || !stripeSub.priceId) throw new ConflictError('The subscription has no item to change');
  const prorationDate = input.prorationDate ?? Math.floor(input.now.getTime() / 1000);
  const periodStart = Math.floor((stripeSub.currentPeriodStart?.getTime() ?? 0) / 1000);
  if (prorationDate < periodStart || prorationDate > Math.floor(input.now.getTime() / 1000) + 60) {
    throw new ValidationError('The preview has expired: preview the change again', { prorationDate: ['out of range'] });
  }
  return { row, target, kind, stripeSub, prorationDate };
}

/** Exactly what a change would cost, from Stripe's own invoice preview. */
export async function previewChange(deps: Deps, input: ChangeInput): Promise<ChangePreview> {
  const { row, target, kind, stripeSub, prorationDate } = await plan(deps, input);
  const base = {
    customerId: stripeSub.customerId,
    subscriptionId: stripeSub.id,
    itemId: stripeSub.itemId!,
    priceId: target.price.stripePriceId,
  };
  const next = await deps.payments.previewSubscriptionChange({ ...base, prorationDate, proration: 'none' });
  if (kind === 'downgrade') {
    return {
      kind,
      currency: row.currency,
      dueNow: 0,
      nextInvoiceAmount: next.amountDue,
      nextInvoiceAt: row.currentPeriodEnd,
      effectiveAt: row.currentPeriodEnd ?? input.now,
      prorationDate,
      lines: next.lines,
    };
  }
  const now = await deps.payments.previewSubscriptionChange({ ...base, prorationDate, proration: 'always_invoice' });
  return {
    kind,
    currency: row.currency,
    dueNow: now.amountDue,
    nextInvoiceAmount: next.amountDue,
    nextInvoiceAt: input.billingCycle === row.billingCycle ? row.currentPeriodEnd : null,
    effectiveAt: new Date(prorationDate * 1000),
    prorationDate,
    lines: now.lines,
  };
}

/**
 * Upgrades now, prorated and charged at once (a declined card leaves the plan as it was);
 * downgrades at the period end through a Stripe subscription schedule, shown as a pending change.
 */
export async function changePlan(deps: Deps, input: ChangeInput): Promise<SubscriptionView> {
  const { row, target, kind, stripeSub, prorationDate } = await plan(deps, input);
  const key = `subscription:change:${row.id}:${target.price.id}:${prorationDate}`;
  if (row.stripeScheduleId) await deps.payments.releaseSchedule(row.stripeScheduleId, `${key}:release`);
  if (kind === 'upgrade') {
    const snapshot = await deps.payments.changeSubscriptionPrice(
      {
        subscriptionId: stripeSub.id,
        itemId: stripeSub.itemId!,
        priceId: target.price.stripePriceId,
        prorationDate,
        proration: 'always_invoice',
      },
      key,
    );
    return deps.db.transaction(async (tx) => {
      const { row: updated } = await applySubscription(
        tx,
        { ...snapshot, scheduleId: null },
        {
          actor: input.actor,
          stripeEventId: null,
          requestId: input.requestId,
          eventAt: input.now,
          authoritative: true,
        },
      );
      await tx
        .update(subscriptions)
        .set({ pendingPlanId: null, pendingBillingCycle: null, pendingEffectiveAt: null, stripeScheduleId: null })
        .where(eq(subscriptions.id, row.id));
      await audit(tx, input, row, 'subscription.upgraded', {
        planId: target.plan.id,
        billingCycle: input.billingCycle,
      });
      return toView(tx, { ...updated!, pendingPlanId: null, pendingBillingCycle: null, pendingEffectiveAt: null });
    });
  }
  const periodEnd = Math.floor((stripeSub.currentPeriodEnd?.getTime() ?? input.now.getTime()) / 1000);
  const { scheduleId } = await deps.payments.scheduleChangeAtPeriodEnd(
    {
      subscriptionId: stripeSub.id,
      currentPriceId: stripeSub.priceId!,
      priceId: target.price.stripePriceId,
      periodEnd,
    },
    key,
  );
  return deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(subscriptions)
      .set({
        pendingPlanId: target.plan.id,
        pendingBillingCycle: input.billingCycle,
        pendingEffectiveAt: new Date(periodEnd * 1000),
        stripeScheduleId: scheduleId,
        updatedAt: new Date(),
      })
      .where(eq(subscriptions.id, row.id))
      .returning();
    await audit(tx, input, row, 'subscription.downgrade_scheduled', {
      planId: target.plan.id,
      billingCycle: input.billingCycle,
      effectiveAt: new Date(periodEnd * 1000),
    });
    return toView(tx, updated!);
  });
}

/** Undoes a downgrade scheduled for the period end; the current plan simply continues. */
export async function cancelPendingChange(
  deps: Deps,
  input: { organizationId: string; actor: Actor; requestId: string },
): Promise<SubscriptionView> {
  const row = await changeable(deps.db, input.organizationId);
  if (!row.pendingPlanId) throw new ConflictError('There is no pending plan change to undo');
  if (row.stripeScheduleId)
    await deps.payments.releaseSchedule(row.stripeScheduleId, `subscription:undo-change:${row.stripeScheduleId}`);
  return deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(subscriptions)
      .set({
        pendingPlanId: null,
        pendingBillingCycle: null,
        pendingEffectiveAt: null,
        stripeScheduleId: null,
        updatedAt: new Date(),
      })
      .where(eq(subscriptions.id, row.id))
      .returning();
    await audit(tx, input, row, 'subscription.pending_change_canceled', { planId: row.planId });
    return toView(tx, updated!);
  });
}

async function audit(
  db: Database,
  input: { organizationId: string; actor: Actor; requestId: string },
  before: SubscriptionRow,
  action: string,
  after: Record<string, unknown>,
) {
  await recordAudit(db, {
    organizationId: input.organizationId,
    actor: input.actor,
    action,
    targetType: 'subscription',
    targetId: before.id,
    before: { planId: before.planId, billingCycle: before.billingCycle, pendingPlanId: before.pendingPlanId },
    after,
    requestId: input.requestId,
  });
}
