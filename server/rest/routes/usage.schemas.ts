import { z } from 'zod';
import type { SummaryOutput as TrpcSummaryOutput } from '../../routers/usage.schemas';
import { major, majorOrNull, MajorAmount, OrganizationIdField, Timestamp } from '../shape';

export const RecordUsageBody = z
  .object({
    organization_id: OrganizationIdField.optional(),
    events: z
      .array(
        z
          .object({
            metric: z.string().min(1).max(100).describe('a metered limit of the plan, e.g. notifications_per_month'),
            quantity: z.number({ message: 'must be a number' }).describe('a whole number ≥ 0'),
            idempotency_key: z.string().min(1, 'required').max(255).describe('a repeated key counts once'),
            occurred_at: z.string().max(40).optional().describe('ISO 8601; defaults to now'),
          })
          .strict(),
      )
      .min(1, 'send at least one event')
      .max(1000, 'at most 1,000 events per call'),
  })
  .strict();

export const UsageRecorded = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int().describe('events whose idempotency_key was already recorded'),
    rejected: z.array(
      z
        .object({
          index: z.number().int().describe('position in `events`'),
          idempotency_key: z.string(),
          reason: z.string().describe('unknown_metric, invalid_quantity, too_late, … (nothing of it was recorded)'),
        })
        .strict(),
    ),
  })
  .strict();

export const ResourceUsage = z
  .object({
    resource_type: z.string(),
    included_quantity: z.number().int().describe('-1 = unlimited'),
    used_quantity: z.number().int(),
    overage_quantity: z.number().int(),
    overage_unit_price: MajorAmount.nullable().describe('major units per unit (0.001), or null when none is billed'),
    overage_amount: MajorAmount.describe('what the renewal invoice bills for it, in major units'),
    usage_percentage: z.number().nullable().describe('0–100 (more when over); null when unlimited'),
    is_over_limit: z.boolean(),
  })
  .strict();

export const UsageSummary = z
  .object({
    organization_id: z.string(),
    period_start: Timestamp,
    period_end: Timestamp,
    currency: z.string(),
    resources: z.array(ResourceUsage),
    total_overage_amount: MajorAmount,
  })
  .strict();

export const UsagePath = z.object({ organizationId: z.string().min(1).max(200) }).strict();
export const UsageQuery = z
  .object({
    period_start: Timestamp.optional().describe('a past billing period, by its start; the current one by default'),
  })
  .strict();

/** What `usage.summary` answers over tRPC; the REST route reshapes it. */
type SummaryOutput = z.infer<typeof TrpcSummaryOutput>;

export const toRestUsageSummary = (organizationId: string, summary: SummaryOutput): z.infer<typeof UsageSummary> => ({
  organization_id: organizationId,
  period_start: summary.periodStart,
  period_end: summary.periodEnd,
  currency: summary.currency,
  resources: summary.metrics.map((metric) => ({
    resource_type: metric.metric,
    included_quantity: metric.included ?? -1,
    used_quantity: metric.used,
    overage_quantity: metric.overage,
    overage_unit_price: majorOrNull(metric.overageUnitPrice, metric.currency),
    overage_amount: major(metric.overageAmount, metric.currency),
    usage_percentage: metric.percentUsed,
    is_over_limit: metric.overLimit,
  })),
  total_overage_amount: major(summary.totalOverageAmount, summary.currency),
});
