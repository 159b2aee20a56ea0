import { getConfig } from '@/server/config/current';
import { handleMetricsRequest } from '@/server/observability/metrics-endpoint';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Prometheus scrape endpoint, behind METRICS_TOKEN. */
export function GET(request: Request): Promise<Response> {
  return handleMetricsRequest(request, getConfig().env.METRICS_TOKEN);
}
