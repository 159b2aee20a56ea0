import { z } from 'zod';
import type { OrganizationSupportView } from '../../billing/catalog/organization-support.service';
import { AuditEntryOutput, toAuditEntryOutput } from '../audit.schemas';
import { iso, NullableTimestamp, Timestamp } from '../shape';
import { SubscriptionOutput, toSubscriptionOutput } from '../subscriptions.schemas';

export const OrganizationIdInput = z.object({
  organizationId: z.string().trim().min(1, 'enter an organization id').max(200),
});

/** One organization for support: read-only, and only what support needs (no billing contact). */
export const OrganizationSupportOutput = z.object({
  organizationId: z.string(),
  customer: z
    .object({
      stripeCustomerId: z.string().nullable(),
      firstPurchasedAt: NullableTimestamp,
      personalDataErasedAt: NullableTimestamp,
    })
    .nullable(),
  subscription: SubscriptionOutput.nullable(),
  invoices: z.array(
    z.object({
      id: z.string(),
      number: z.string().nullable(),
      status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']),
      billingReason: z.string().nullable(),
      currency: z.string(),
      total: z.number().int(),
      amountPaid: z.number().int(),
      amountDue: z.number().int(),
      periodStart: NullableTimestamp,
      periodEnd: NullableTimestamp,
      hostedInvoiceUrl: z.string().nullable(),
      createdAt: NullableTimestamp,
    }),
  ),
  usage: z.array(
    z.object({
      metric: z.string(),
      periodStart: Timestamp,
      quantity: z.number().int(),
      billedQuantity: z.number().int(),
      included: z.number().int().nullable(),
    }),
  ),
  promoRedemptions: z.array(z.object({ code: z.string(), redeemedAt: Timestamp })),
  audit: z.array(AuditEntryOutput),
});
export type OrganizationSupportOutput = z.infer<typeof OrganizationSupportOutput>;

export const toOrganizationSupportOutput = (view: OrganizationSupportView): OrganizationSupportOutput => ({
  organizationId: view.organizationId,
  customer: view.customer && {
    stripeCustomerId: view.customer.stripeCustomerId,
    firstPurchasedAt: iso(view.customer.firstPurchasedAt),
    personalDataErasedAt: iso(view.customer.personalDataErasedAt),
  },
  subscription: view.subscription && toSubscriptionOutput(view.subscription),
  invoices: view.invoices.map((i) => ({
    id: i.id,
    number: i.number,
    status: i.status,
    billingReason: i.billingReason,
    currency: i.currency,
    total: i.total,
    amountPaid: i.amountPaid,
    amountDue: i.amountDue,
    periodStart: iso(i.periodStart),
    periodEnd: iso(i.periodEnd),
    hostedInvoiceUrl: i.hostedInvoiceUrl,
    createdAt: iso(i.stripeCreatedAt ?? i.createdAt),
  })),
  usage: view.usage.map((u) => ({ ...u, periodStart: u.periodStart.toISOString() })),
  promoRedemptions: view.promoRedemptions.map((r) => ({ code: r.code, redeemedAt: r.redeemedAt.toISOString() })),
  audit: view.audit.map(toAuditEntryOutput),
});
