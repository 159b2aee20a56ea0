import { z } from 'zod';
import type { EntitlementList } from '../billing/entitlements/entitlements.service';
import type { UsageSummary } from '../billing/usage/summary.service';
import { iso, NullableTimestamp, Timestamp } from './shape';

/** Types are checked here; values (unknown metric, negative quantity, timing) per event in the domain. */
export const RecordUsageInput = z.object({
  events: z
    .array(
      z.object({
        metric: z.string().min(1).max(100),
        quantity: z.number({ message: 'must be a number' }),
        idempotencyKey: z.string().min(1, 'required').max(255),
        occurredAt: z.string().max(40).optional(),
      }),
    )
    .min(1, 'send at least one event')
    .max(1000, 'at most 1,000 events per call'),
  organizationId: z.string().optional(),
});

export const RecordUsageOutput = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), idempotencyKey: z.string(), reason: z.string() })),
});

export const SummaryInput = z
  .object({ periodStart: Timestamp.optional(), organizationId: z.string().optional() })
  .optional();

export const SummaryOutput = z.object({
  periodStart: Timestamp,
  periodEnd: Timestamp,
  currency: z.string(),
  totalOverageAmount: z.number().int(),
  metrics: z.array(
    z.object({
      metric: z.string(),
      included: z.number().int().nullable(),
      used: z.number().int(),
      overage: z.number().int(),
      overageUnitPrice: z.string().nullable(),
      overageAmount: z.number().int(),
      currency: z.string(),
      percentUsed: z.number().nullable(),
      overLimit: z.boolean(),
    }),
  ),
});

export const toSummaryOutput = (summary: UsageSummary): z.infer<typeof SummaryOutput> => ({
  ...summary,
  periodStart: summary.periodStart.toISOString(),
  periodEnd: summary.periodEnd.toISOString(),
});

export const CHECK_REASONS = [
  'ok',
  'soft_limit_overage',
  'hard_limit_reached',
  'feature_disabled',
  'no_subscription',
  'payment_grace_expired',
] as const;

export const CheckInput = z.object({
  key: z.string().min(1).max(100),
  quantity: z.number().int('must be a whole number').min(0).optional(),
  organizationId: z.string().optional(),
});

export const CheckOutput = z.object({
  allowed: z.boolean(),
  key: z.string(),
  limit: z.number().int().nullable(),
  used: z.number().int(),
  remaining: z.number().int().nullable(),
  overage: z.number().int(),
  reason: z.enum(CHECK_REASONS),
});

export const ConsumeInput = z.object({
  metric: z.string().min(1).max(100),
  quantity: z.number().int('must be a whole number').min(1, 'must be at least 1'),
  idempotencyKey: z.string().min(1).max(255),
  organizationId: z.string().optional(),
});

export const EntitlementsOutput = z.object({
  access: z.object({
    source: z.enum(['plan', 'grace', 'fallback', 'none']),
    denial: z.enum(['no_subscription', 'payment_grace_expired']).nullable(),
    graceEndsAt: NullableTimestamp,
  }),
  plan: z.object({ id: z.string(), name: z.string(), displayName: z.string(), currency: z.string() }).nullable(),
  periodStart: Timestamp,
  periodEnd: Timestamp,
  features: z.array(z.object({ key: z.string(), featureType: z.string(), value: z.string(), enabled: z.boolean() })),
  limits: z.array(
    z.object({
      key: z.string(),
      limit: z.number().int().nullable(),
      unlimited: z.boolean(),
      enforcement: z.enum(['hard', 'soft']),
      usageType: z.string(),
      used: z.number().int(),
      remaining: z.number().int().nullable(),
      overageUnitPrice: z.string().nullable(),
      overage: z.number().int(),
      overageAmount: z.number().int(),
    }),
  ),
});

export const toEntitlementsOutput = (list: EntitlementList): z.infer<typeof EntitlementsOutput> => ({
  access: { ...list.access, graceEndsAt: iso(list.access.graceEndsAt) },
  plan: list.plan,
  periodStart: list.period.start.toISOString(),
  periodEnd: list.period.end.toISOString(),
  features: list.features,
  limits: list.limits,
});

export const DailyInput = z.object({
  metric: z.string().min(1).max(100),
  periodStart: Timestamp.optional(),
  organizationId: z.string().optional(),
});

export const DailyOutput = z.object({
  metric: z.string(),
  periodStart: Timestamp,
  periodEnd: Timestamp,
  days: z.array(z.object({ day: z.string(), quantity: z.number().int() })),
});
