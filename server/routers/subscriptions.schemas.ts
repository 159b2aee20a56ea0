import { z } from 'zod';
import { SUBSCRIPTION_STATUSES } from '@/db/schema';
import type { ChangePreview } from '../billing/change-plan.service';
import type { SubscriptionView } from '../billing/subscriptions.queries';
import { BillingCycle, iso, NullableTimestamp, Timestamp, Uuid } from './shape';

export const CreateSubscriptionInput = z.object({
  planId: Uuid('a plan'),
  billingCycle: BillingCycle,
  paymentMethodId: z
    .string()
    .regex(/^pm_\w+$/, 'must be a Stripe payment method id (pm_…)')
    .optional(),
  promoCode: z.string().trim().min(1).max(64).optional(),
  organizationId: z.string().optional(),
});

export const ChangePlanInput = z.object({
  planId: Uuid('a plan'),
  billingCycle: BillingCycle,
  /** From the preview, so the charge equals what was shown. */
  prorationDate: z.number().int().positive().optional(),
  organizationId: z.string().optional(),
});

export const CancelInput = z
  .object({ immediately: z.boolean().optional(), organizationId: z.string().optional() })
  .optional();
export const OrgInput = z.object({ organizationId: z.string().optional() }).optional();

const PlanRef = z.object({ id: z.string(), name: z.string(), displayName: z.string() });

export const SubscriptionOutput = z.object({
  id: z.string(),
  organizationId: z.string(),
  planId: z.string(),
  plan: PlanRef,
  billingCycle: BillingCycle,
  status: z.enum(SUBSCRIPTION_STATUSES),
  currency: z.string(),
  unitAmount: z.number().int(),
  currentPeriodStart: NullableTimestamp,
  currentPeriodEnd: NullableTimestamp,
  cancelAtPeriodEnd: z.boolean(),
  canceledAt: NullableTimestamp,
  trialEndsAt: NullableTimestamp,
  pastDueSince: NullableTimestamp,
  pendingChange: z
    .object({
      planId: z.string(),
      plan: PlanRef.nullable(),
      billingCycle: BillingCycle,
      effectiveAt: NullableTimestamp,
    })
    .nullable(),
  stripeSubscriptionId: z.string().nullable(),
  stripeCustomerId: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SubscriptionOutput = z.infer<typeof SubscriptionOutput>;

export const toSubscriptionOutput = (view: SubscriptionView): SubscriptionOutput => ({
  ...view,
  currentPeriodStart: iso(view.currentPeriodStart),
  currentPeriodEnd: iso(view.currentPeriodEnd),
  canceledAt: iso(view.canceledAt),
  trialEndsAt: iso(view.trialEndsAt),
  pastDueSince: iso(view.pastDueSince),
  pendingChange: view.pendingChange
    ? { ...view.pendingChange, effectiveAt: iso(view.pendingChange.effectiveAt) }
    : null,
  createdAt: view.createdAt.toISOString(),
  updatedAt: view.updatedAt.toISOString(),
});

export const InvoiceLineOutput = z.object({
  description: z.string().nullable(),
  amount: z.number().int(),
  currency: z.string(),
  quantity: z.number().int().nullable(),
  proration: z.boolean(),
  periodStart: NullableTimestamp,
  periodEnd: NullableTimestamp,
});

export const ChangePreviewOutput = z.object({
  kind: z.enum(['upgrade', 'downgrade']),
  currency: z.string(),
  dueNow: z.number().int(),
  nextInvoiceAmount: z.number().int(),
  nextInvoiceAt: NullableTimestamp,
  effectiveAt: Timestamp,
  prorationDate: z.number().int(),
  lines: z.array(InvoiceLineOutput),
});

export const toChangePreviewOutput = (preview: ChangePreview): z.infer<typeof ChangePreviewOutput> => ({
  ...preview,
  nextInvoiceAt: iso(preview.nextInvoiceAt),
  effectiveAt: preview.effectiveAt.toISOString(),
  lines: preview.lines.map((line) => ({
    description: line.description,
    amount: line.amount,
    currency: line.currency,
    quantity: line.quantity,
    proration: line.proration,
    periodStart: iso(line.periodStart),
    periodEnd: iso(line.periodEnd),
  })),
});
