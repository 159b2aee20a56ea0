import { desc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billingCustomers, planLimits, promoCodes, promoRedemptions, usageTotals } from '@/db/schema';
import { listAuditEntries, type AuditRecord } from '../audit.service';
import { listInvoices, type InvoiceRow } from '../invoices.service';
import { currentSubscription, type SubscriptionView } from '../subscriptions.queries';

export interface UsageLine {
  metric: string;
  periodStart: Date;
  quantity: number;
  billedQuantity: number;
  /** The included quantity on the current plan; null when the plan has no such limit, -1 unlimited. */
  included: number | null;
}

/** One organization as support sees it: read-only, across the tenant boundary (platform admins only). */
export interface OrganizationSupportView {
  organizationId: string;
  customer: {
    stripeCustomerId: string | null;
    firstPurchasedAt: Date | null;
    personalDataErasedAt: Date | null;
  } | null;
  subscription: SubscriptionView | null;
  invoices: InvoiceRow[];
  usage: UsageLine[];
  promoRedemptions: Array<{ code: string; redeemedAt: Date }>;
  audit: AuditRecord[];
}

/** The organization's subscription, latest invoices, usage of its latest periods, codes used and audit log. */
export async function getOrganizationSupportView(
  db: Database,
  organizationId: string,
  options: { invoices?: number; audit?: number; usage?: number } = {},
): Promise<OrganizationSupportView> {
  const [customer] = await db
    .select({
      stripeCustomerId: billingCustomers.stripeCustomerId,
      firstPurchasedAt: billingCustomers.firstPurchasedAt,
      personalDataErasedAt: billingCustomers.personalDataErasedAt,
    })
    .from(billingCustomers)
    .where(eq(billingCustomers.organizationId, organizationId));
  const subscription = await currentSubscription(db, organizationId);
  const { items: invoices } = await listInvoices(db, organizationId, { limit: options.invoices ?? 20 });
  const totals = await db
    .select()
    .from(usageTotals)
    .where(eq(usageTotals.organizationId, organizationId))
    .orderBy(desc(usageTotals.periodStart), usageTotals.metric)
    .limit(options.usage ?? 50);
  const limits = subscription
    ? await db.select().from(planLimits).where(eq(planLimits.planId, subscription.planId))
    : [];
  const redemptions = await db
    .select({ code: promoCodes.code, redeemedAt: promoRedemptions.redeemedAt })
    .from(promoRedemptions)
    .innerJoin(promoCodes, eq(promoCodes.id, promoRedemptions.promoCodeId))
    .where(eq(promoRedemptions.organizationId, organizationId))
    .orderBy(desc(promoRedemptions.redeemedAt));
  const { entries: audit } = await listAuditEntries(db, { organizationId, limit: options.audit ?? 50 });
  return {
    organizationId,
    customer: customer ?? null,
    subscription,
    invoices,
    usage: totals.map((t) => ({
      metric: t.metric,
      periodStart: t.periodStart,
      quantity: t.quantity,
      billedQuantity: t.billedQuantity,
      included: limits.find((l) => l.resourceType === t.metric)?.maxValue ?? null,
    })),
    promoRedemptions: redemptions,
    audit,
  };
}
