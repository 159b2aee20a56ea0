import { ne } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { planLimits } from '@/db/schema';

export type MetricKind = 'counter' | 'gauge';

const TTL_MS = 10_000;
let cache: { at: number; metrics: Map<string, MetricKind> } | null = null;

/**
 * The metrics usage may be reported for: every limited resource that is metered (not a static setting),
 * with whether it counts (summed) or measures (latest value). Cached briefly: it changes with the catalog.
 */
export async function meteredMetrics(db: Database, now = Date.now()): Promise<Map<string, MetricKind>> {
  if (cache && now - cache.at < TTL_MS) return cache.metrics;
  const rows = await db
    .selectDistinct({ metric: planLimits.resourceType, kind: planLimits.usageType })
    .from(planLimits)
    .where(ne(planLimits.usageType, 'static'));
  const metrics = new Map<string, MetricKind>();
  for (const row of rows) if (!metrics.has(row.metric)) metrics.set(row.metric, row.kind as MetricKind);
  cache = { at: now, metrics };
  return metrics;
}

/** Forget the cached catalog (after an admin edits limits, and in tests). */
export function forgetMeteredMetrics(): void {
  cache = null;
}
