import { z } from 'zod';
import { SUBSCRIPTION_STATUSES } from '@/db/schema';
import type { SubscriptionOutput } from '../../routers/subscriptions.schemas';
import { BillingCycle, NullableTimestamp, OrganizationIdField, Timestamp, uuidOf } from '../shape';
import { Plan, PlanFeature, PlanLimit } from './plans.schemas';

export const Subscription = z
  .object({
    id: z.string().describe('our subscription id (UUID), used by PUT and DELETE'),
    organization_id: z.string(),
    plan_id: z.string(),
    billing_cycle: BillingCycle,
    status: z.enum(SUBSCRIPTION_STATUSES),
    trial_ends_at: NullableTimestamp,
    current_period_start: NullableTimestamp,
    current_period_end: NullableTimestamp,
    cancels_at_period_end: z.boolean().describe('true once a cancel at period end is pending (the seed spelling)'),
    canceled_at: NullableTimestamp,
    stripe_subscription_id: z.string().nullable(),
    stripe_customer_id: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .strict();
export type Subscription = z.infer<typeof Subscription>;

export const SubscriptionDetails = z
  .object({ subscription: Subscription, plan: Plan, features: z.array(PlanFeature), limits: z.array(PlanLimit) })
  .strict();

const PaymentMethodId = z.string().regex(/^pm_\w+$/, 'must be a Stripe payment method id (pm_…)');

export const CreateSubscriptionBody = z
  .object({
    organization_id: OrganizationIdField.describe("must be the caller's active organization"),
    plan_id: uuidOf('a plan'),
    billing_cycle: BillingCycle,
    payment_method_id: PaymentMethodId.optional().describe('a card to attach and pay with (pm_…)'),
    promo_code: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

export const UpdateSubscriptionBody = z
  .object({
    plan_id: uuidOf('a plan').optional(),
    billing_cycle: BillingCycle.optional(),
  })
  .strict()
  .describe('give plan_id, billing_cycle or both; a field left out stays as it is')
  .refine((body) => body.plan_id !== undefined || body.billing_cycle !== undefined, {
    message: 'give plan_id, billing_cycle or both',
    path: ['plan_id'],
  });

export const SubscriptionPath = z.object({ id: uuidOf('a subscription') }).strict();
export const OrganizationPath = z.object({ id: z.string().min(1).max(200).describe('the organization id') }).strict();

export const CancelQuery = z
  .object({
    immediate: z
      .enum(['true', 'false'])
      .optional()
      .describe('true cancels now; otherwise the subscription ends with its period'),
  })
  .strict();

export const toRestSubscription = (sub: SubscriptionOutput): Subscription => ({
  id: sub.id,
  organization_id: sub.organizationId,
  plan_id: sub.planId,
  billing_cycle: sub.billingCycle,
  status: sub.status,
  trial_ends_at: sub.trialEndsAt,
  current_period_start: sub.currentPeriodStart,
  current_period_end: sub.currentPeriodEnd,
  cancels_at_period_end: sub.cancelAtPeriodEnd,
  canceled_at: sub.canceledAt,
  stripe_subscription_id: sub.stripeSubscriptionId,
  stripe_customer_id: sub.stripeCustomerId,
  created_at: sub.createdAt,
  updated_at: sub.updatedAt,
});
