import { entitlementPolicyOf } from '../billing/entitlements/policy';
import { recordUsage } from '../billing/usage/ingest.service';
import { dailyUsage, summarizeUsage } from '../billing/usage/summary.service';
import { loadEntitlementContext } from '../billing/entitlements/context.service';
import { periodOf } from '../billing/usage/periods';
import { liveSubscription } from '../billing/subscriptions.queries';
import { router } from '../trpc/init';
import { billingProcedure, orgProcedure } from '../trpc/procedures';
import {
  DailyInput,
  DailyOutput,
  RecordUsageInput,
  RecordUsageOutput,
  SummaryInput,
  SummaryOutput,
  toSummaryOutput,
} from './usage.schemas';

export const usageRouter = router({
  record: billingProcedure
    .meta({ apiKeyScope: 'usage:write' })
    .input(RecordUsageInput)
    .output(RecordUsageOutput)
    .mutation(async ({ ctx, input }) =>
      recordUsage(ctx.db, {
        organizationId: ctx.org.id,
        events: input.events,
        anchor: (await liveSubscription(ctx.db, ctx.org.id)) ?? null,
        now: ctx.clock(),
        lateDays: ctx.config.env.USAGE_LATE_DAYS,
      }),
    ),

  summary: orgProcedure
    .meta({ apiKeyScope: 'entitlements:read' })
    .input(SummaryInput)
    .output(SummaryOutput)
    .query(async ({ ctx, input }) =>
      toSummaryOutput(
        await summarizeUsage(ctx.db, {
          organizationId: ctx.org.id,
          periodStart: input?.periodStart ? new Date(input.periodStart) : undefined,
          policy: entitlementPolicyOf(ctx.config),
          now: ctx.clock(),
        }),
      ),
    ),

  daily: orgProcedure
    .meta({ apiKeyScope: 'entitlements:read' })
    .input(DailyInput)
    .output(DailyOutput)
    .query(async ({ ctx, input }) => {
      const context = await loadEntitlementContext(ctx.db, ctx.org.id, entitlementPolicyOf(ctx.config), ctx.clock());
      const period = input.periodStart
        ? periodOf(context.subscription, new Date(input.periodStart), ctx.clock())
        : context.period;
      const gauge = context.limits.get(input.metric)?.usageType === 'gauge';
      const days = await dailyUsage(ctx.db, { organizationId: ctx.org.id, metric: input.metric, period, gauge });
      return {
        metric: input.metric,
        periodStart: period.start.toISOString(),
        periodEnd: period.end.toISOString(),
        days,
      };
    }),
});
