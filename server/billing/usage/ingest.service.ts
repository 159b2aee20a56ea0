import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { countUsageIngested } from '../../observability/metrics';
import { periodOf, timingRejection, type PeriodAnchor } from './periods';
import { meteredMetrics } from './metrics-catalog';
import { uuidv7 } from './uuid7';

export interface UsageEventInput {
  metric: string;
  quantity: number;
  idempotencyKey: string;
  occurredAt?: string;
}

export type UsageRejection = 'unknown_metric' | 'invalid_quantity' | 'invalid_occurred_at' | 'in_future' | 'too_late';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; idempotencyKey: string; reason: UsageRejection }>;
}

interface ValidEvent {
  id: string;
  metric: string;
  quantity: number;
  idempotency_key: string;
  occurred_at: string;
  period_start: string;
  gauge: boolean;
}

/**
 * Records a batch of usage: each event is checked on its own (the valid ones are kept), a repeated
 * idempotency key counts once (also across calls and under concurrency), and the totals per metric and
 * period are rolled up in the same statement, so there is no read-modify-write race.
 */
export async function recordUsage(
  db: Database,
  input: {
    organizationId: string;
    events: UsageEventInput[];
    anchor: PeriodAnchor | null;
    now: Date;
    lateDays: number;
  },
): Promise<IngestResult> {
  const metrics = await meteredMetrics(db, input.now.getTime());
  const rejected: IngestResult['rejected'] = [];
  const valid: ValidEvent[] = [];
  const seen = new Set<string>();
  let duplicatesInBatch = 0;
  input.events.forEach((event, index) => {
    const reject = (reason: UsageRejection) => rejected.push({ index, idempotencyKey: event.idempotencyKey, reason });
    const kind = metrics.get(event.metric);
    if (!kind) return reject('unknown_metric');
    if (!Number.isSafeInteger(event.quantity) || event.quantity < 0) return reject('invalid_quantity');
    const occurredAt = event.occurredAt === undefined ? input.now : new Date(event.occurredAt);
    if (Number.isNaN(occurredAt.getTime())) return reject('invalid_occurred_at');
    const period = periodOf(input.anchor, occurredAt, input.now);
    const timing = timingRejection(period, occurredAt, input.now, input.lateDays);
    if (timing) return reject(timing);
    if (seen.has(event.idempotencyKey)) {
      duplicatesInBatch++;
      return;
    }
    seen.add(event.idempotencyKey);
    valid.push({
      id: uuidv7(input.now.getTime()),
      metric: event.metric,
      quantity: event.quantity,
      idempotency_key: event.idempotencyKey,
      occurred_at: occurredAt.toISOString(),
      period_start: period.start.toISOString(),
      gauge: kind === 'gauge',
    });
  });
  const inserted = valid.length ? await insertAndRollUp(db, input.organizationId, valid) : 0;
  const duplicates = valid.length - inserted + duplicatesInBatch;
  countUsageIngested(inserted, 'accepted');
  countUsageIngested(duplicates, 'duplicate');
  countUsageIngested(rejected.length, 'rejected');
  return { accepted: inserted, duplicates, rejected };
}

/** One statement: insert the new events, skip known keys, add the new ones to the period totals. */
async function insertAndRollUp(db: Database, organizationId: string, events: ValidEvent[]): Promise<number> {
  const rows = await db.execute<{ inserted: number | string }>(sql`
    with input as (
      select * from json_to_recordset(${JSON.stringify(events)}::json)
        as e(id uuid, metric text, quantity bigint, idempotency_key text, occurred_at timestamptz, period_start timestamptz, gauge boolean)
    ), inserted as (
      insert into usage_records (id, organization_id, metric, quantity, idempotency_key, occurred_at, period_start)
      select id, ${organizationId}, metric, quantity, idempotency_key, occurred_at, period_start from input
      on conflict (organization_id, idempotency_key) do nothing
      returning metric, quantity, occurred_at, period_start, idempotency_key
    ), rolled as (
      select distinct on (i.metric, i.period_start) i.metric, i.period_start, e.gauge,
        sum(i.quantity) over (partition by i.metric, i.period_start) as total,
        i.quantity as latest, i.occurred_at as latest_at
      from inserted i join input e using (idempotency_key)
      order by i.metric, i.period_start, i.occurred_at desc
    ), counters as (
      insert into usage_totals (organization_id, metric, period_start, quantity, last_occurred_at)
      select ${organizationId}, metric, period_start, total, latest_at from rolled where not gauge
      on conflict (organization_id, metric, period_start) do update set
        quantity = usage_totals.quantity + excluded.quantity,
        last_occurred_at = greatest(usage_totals.last_occurred_at, excluded.last_occurred_at),
        updated_at = now()
      returning 1
    ), gauges as (
      insert into usage_totals (organization_id, metric, period_start, quantity, last_occurred_at)
      select ${organizationId}, metric, period_start, latest, latest_at from rolled where gauge
      on conflict (organization_id, metric, period_start) do update set
        quantity = case when excluded.last_occurred_at >= coalesce(usage_totals.last_occurred_at, '-infinity'::timestamptz)
          then excluded.quantity else usage_totals.quantity end,
        last_occurred_at = greatest(usage_totals.last_occurred_at, excluded.last_occurred_at),
        updated_at = now()
      returning 1
    )
    select count(*) as inserted from inserted`);
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: Array<{ inserted: number | string }> }).rows;
  return Number(list[0]?.inserted ?? 0);
}
