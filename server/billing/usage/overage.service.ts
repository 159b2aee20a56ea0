import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billingCustomers, planLimits, subscriptions, usageOverageCharges, usageTotals } from '@/db/schema';
import { recordAudit } from '../audit.service';
import { formatUnitPrice, lineTotal, normalizeDecimal } from '../money';
import type { InvoiceSnapshot, PaymentsGateway } from '../payments.port';

interface Deps {
  db: Database;
  payments: PaymentsGateway;
}

const LABELS: Record<string, string> = {
  notifications_per_month: 'Notifications',
  api_requests_per_month: 'API requests',
  team_members: 'Team members',
  websites: 'Websites',
};

const number = new Intl.NumberFormat('en-US');
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Adds the closing period's overage (and any late-reported overage of earlier periods not yet billed)
 * to a renewal invoice while it is still a draft: one invoice item per metric and period, each rounded
 * half-up once. Recorded per invoice, metric and period, so a repeated webhook never bills twice.
 */
export async function billRenewalOverage(deps: Deps, invoice: InvoiceSnapshot): Promise<number> {
  if (invoice.billingReason !== 'subscription_cycle' || invoice.status !== 'draft' || !invoice.subscriptionId) return 0;
  const [subscription] = await deps.db
    .select({
      organizationId: subscriptions.organizationId,
      planId: subscriptions.planId,
      currency: subscriptions.currency,
    })
    .from(subscriptions)
    .where(eq(subscriptions.stripeSubscriptionId, invoice.subscriptionId));
  if (!subscription || !invoice.periodEnd) return 0;
  const [customer] = await deps.db
    .select({ stripeCustomerId: billingCustomers.stripeCustomerId })
    .from(billingCustomers)
    .where(eq(billingCustomers.organizationId, subscription.organizationId));
  const priced = await deps.db
    .select()
    .from(planLimits)
    .where(
      and(
        eq(planLimits.planId, subscription.planId),
        gt(planLimits.maxValue, -1),
        sql`${planLimits.overageUnitPrice} is not null`,
      ),
    );
  let billed = 0;
  for (const limit of priced) {
    const totals = await deps.db
      .select()
      .from(usageTotals)
      .where(
        and(
          eq(usageTotals.organizationId, subscription.organizationId),
          eq(usageTotals.metric, limit.resourceType),
          lt(usageTotals.periodStart, invoice.periodEnd),
        ),
      );
    for (const total of totals) {
      const overage = Math.max(0, total.quantity - limit.maxValue);
      const delta = overage - total.billedQuantity;
      if (delta <= 0) continue;
      const unitPrice = normalizeDecimal(limit.overageUnitPrice!);
      const amount = lineTotal(unitPrice, delta);
      const label = LABELS[limit.resourceType] ?? limit.resourceType.replaceAll('_', ' ');
      const late = total.billedQuantity > 0 ? ' (reported late)' : '';
      const description = `${label}: ${number.format(delta)} over ${number.format(limit.maxValue)} included × ${formatUnitPrice(unitPrice, subscription.currency)}, ${day(total.periodStart)} period${late}`;
      const item = await deps.payments.addInvoiceItem(
        {
          customerId: customer!.stripeCustomerId!,
          invoiceId: invoice.id,
          amount,
          currency: subscription.currency,
          description,
          metadata: {
            organization_id: subscription.organizationId,
            metric: limit.resourceType,
            period_start: total.periodStart.toISOString(),
          },
        },
        `overage:${invoice.id}:${limit.resourceType}:${total.periodStart.toISOString()}`,
      );
      const charged = await deps.db.transaction(async (tx) => {
        const [charge] = await tx
          .insert(usageOverageCharges)
          .values({
            organizationId: subscription.organizationId,
            metric: limit.resourceType,
            periodStart: total.periodStart,
            quantity: delta,
            unitPrice,
            amount,
            currency: subscription.currency,
            stripeInvoiceId: invoice.id,
            stripeInvoiceItemId: item.id,
          })
          .onConflictDoNothing()
          .returning({ id: usageOverageCharges.id });
        if (!charge) return false;
        await tx
          .update(usageTotals)
          .set({ billedQuantity: sql`${usageTotals.billedQuantity} + ${delta}`, updatedAt: new Date() })
          .where(
            and(
              eq(usageTotals.organizationId, total.organizationId),
              eq(usageTotals.metric, total.metric),
              eq(usageTotals.periodStart, total.periodStart),
            ),
          );
        await recordAudit(tx, {
          organizationId: subscription.organizationId,
          actor: { type: 'system', id: 'overage-billing' },
          action: 'usage.overage_billed',
          targetType: 'invoice',
          targetId: invoice.id,
          after: {
            metric: limit.resourceType,
            periodStart: total.periodStart,
            quantity: delta,
            amount,
            currency: subscription.currency,
          },
        });
        return true;
      });
      if (charged) billed += amount;
    }
  }
  return billed;
}
