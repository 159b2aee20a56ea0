import { defineRoute } from '../route';
import {
  RecordUsageBody,
  toRestUsageSummary,
  UsagePath,
  UsageQuery,
  UsageRecorded,
  UsageSummary,
} from './usage.schemas';

const tag = 'Usage';

export const usageRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/usage',
    operationId: 'recordUsage',
    tag,
    summary: 'Record usage events (up to 1,000 a call); a repeated idempotency_key counts once',
    description: 'Events that cannot be counted are listed in `rejected`; the others are recorded all the same.',
    access: 'billing',
    apiKeyScope: 'usage:write',
    bucket: 'ingest',
    status: 200,
    body: RecordUsageBody,
    response: UsageRecorded,
    errors: [],
    handle: async ({ body }, { api }) => {
      const result = await api.usage.record({
        organizationId: body.organization_id,
        events: body.events.map((event) => ({
          metric: event.metric,
          quantity: event.quantity,
          idempotencyKey: event.idempotency_key,
          occurredAt: event.occurred_at,
        })),
      });
      return {
        accepted: result.accepted,
        duplicates: result.duplicates,
        rejected: result.rejected.map(({ index, idempotencyKey, reason }) => ({
          index,
          idempotency_key: idempotencyKey,
          reason,
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/usage/{organizationId}',
    operationId: 'getUsage',
    tag,
    summary: 'Usage of the billing period per resource: included, used, overage and what it costs',
    access: 'member',
    apiKeyScope: 'entitlements:read',
    bucket: 'read',
    status: 200,
    params: UsagePath,
    query: UsageQuery,
    response: UsageSummary,
    errors: [],
    handle: async ({ params, query }, { api }) =>
      toRestUsageSummary(
        params.organizationId,
        await api.usage.summary({ organizationId: params.organizationId, periodStart: query.period_start }),
      ),
  }),
];
