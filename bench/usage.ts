/**
 * bench/usage — the hot path: usage ingest and entitlement checks, against the production build on
 * PostgreSQL, each beside a baseline measured in the same run (raw postgres.js inserts; a bare Node
 * http server doing one primary-key SELECT; Next's own floor). Prints ratios and writes RESULTS.md.
 *
 *   npm run build && npm run bench:usage
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { subscriptions } from '../db/schema';
import { PRO_PLAN_ID } from '../db/seed/sample-catalog';
import { createApiKey } from '../server/auth/api-keys';
import { startApp } from './lib/app';
import { createBenchDatabase } from './lib/database';
import { load } from './lib/load';
import { machine, ratio, writeSection } from './lib/report';

const BATCH = 500;
const CLIENTS = 8;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 160);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ORG = 'org_bench';

const db = await createBenchDatabase('billing_bench_usage');
const now = new Date();
await db.handle.db.insert(subscriptions).values({
  organizationId: ORG,
  planId: PRO_PLAN_ID,
  billingCycle: 'monthly',
  status: 'active',
  currentPeriodStart: new Date(now.getTime() - 86_400_000),
  currentPeriodEnd: new Date(now.getTime() + 29 * 86_400_000),
  stripeSubscriptionId: 'sub_bench',
});
const key = await createApiKey(db.handle.db, {
  organizationId: ORG,
  name: 'bench',
  scopes: ['usage:write', 'entitlements:read'],
  isPlatform: false,
  actor: { type: 'system', id: null },
  requestId: 'bench',
});
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const app = await startApp(PORT, {
  FAST_PATH_PORT: String(PORT + 1),
  DATABASE_URL: db.url,
  BILLING_TEST_MODE: '1',
  STRIPE_SIM_PORT: '0',
  LOG_LEVEL: 'warn',
  RECONCILE_INTERVAL_MINUTES: '0',
  RATE_LIMIT_READ_PER_MINUTE: '1000000',
  RATE_LIMIT_WRITE_PER_MINUTE: '1000000',
  RATE_LIMIT_INGEST_PER_MINUTE: '1000000',
});
const rssAtStart = app.rssMiB();

/** Runs `task` for `total` batches across `clients` concurrent loops; returns rows per second. */
async function concurrently(total: number, clients: number, task: (batch: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return Math.round((total * BATCH) / ((performance.now() - started) / 1000));
}

const events = () =>
  Array.from({ length: BATCH }, () => ({
    metric: 'api_requests_per_month',
    quantity: 1,
    idempotencyKey: randomUUID(),
  }));

const fastUrl = `http://127.0.0.1:${PORT + 1}`;

// 1. Ingest through the tRPC HTTP endpoint with the service key: Next's route, then the fast path.
let rejected = 0;
const ingest = (base: string) =>
  concurrently(BATCHES, CLIENTS, async () => {
    const response = await fetch(`${base}/api/trpc/usage.record`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: events() }),
    });
    const body = (await response.json()) as { result?: { data: { accepted: number } } };
    if (!response.ok || body.result?.data.accepted !== BATCH) rejected++;
  });
const ingestRate = await ingest(app.url);
const fastIngestRate = await ingest(fastUrl);
const rssAfterIngest = app.rssMiB();

// 1b. The same rows through raw multi-row INSERT … ON CONFLICT DO NOTHING with postgres.js.
const raw = postgres(db.url, { max: CLIENTS, onnotice: () => {} });
const rawRate = await concurrently(BATCHES, CLIENTS, async () => {
  const rows = events().map((e) => ({
    id: randomUUID(),
    organization_id: 'org_raw',
    metric: e.metric,
    quantity: e.quantity,
    idempotency_key: e.idempotencyKey,
    occurred_at: now,
    period_start: now,
  }));
  await raw`insert into usage_records ${raw(rows)} on conflict (organization_id, idempotency_key) do nothing`;
});

// 2. entitlements.check over HTTP, 50 connections.
const checkPath = `/api/trpc/entitlements.check?input=${encodeURIComponent(JSON.stringify({ key: 'websites' }))}`;
const auth = { authorization: `Bearer ${key.secret}` };
const check = await load({
  url: `${app.url}${checkPath}`,
  connections: 50,
  seconds: SECONDS,
  warmupSeconds: 3,
  headers: auth,
});
const fastCheck = await load({
  url: `${fastUrl}${checkPath}`,
  connections: 50,
  seconds: SECONDS,
  warmupSeconds: 3,
  headers: auth,
});

// 2b. Bare Node http doing one primary-key SELECT with postgres.js, in this process.
const pool = postgres(db.url, { max: 10, onnotice: () => {} });
const bare = createServer(async (_req, res) => {
  const [plan] = await pool`select id, name from plans where id = ${PRO_PLAN_ID}`;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(plan));
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const barePort = (bare.address() as AddressInfo).port;
const baseline = await load({
  url: `http://127.0.0.1:${barePort}/`,
  connections: 50,
  seconds: SECONDS,
  warmupSeconds: 2,
});

// 2c. Next's own floor: a route handler that returns a constant (GET /health).
const floor = await load({ url: `${app.url}/health`, connections: 50, seconds: SECONDS, warmupSeconds: 2 });
const rssAtEnd = app.rssMiB();

const table = `Machine: ${machine()}

| measure | result | baseline (same run) | ratio |
| --- | --- | --- | --- |
| usage.record, Next route /api/trpc (batches of ${BATCH}, ${CLIENTS} clients, random keys) | ${ingestRate.toLocaleString('en-US')} events/s | raw INSERT … ON CONFLICT: ${rawRate.toLocaleString('en-US')} rows/s | **${ratio(ingestRate, rawRate)}** (goal ≥ 0.5) |
| usage.record, fast path (FAST_PATH_PORT) | ${fastIngestRate.toLocaleString('en-US')} events/s | same | **${ratio(fastIngestRate, rawRate)}** |
| entitlements.check, Next route (50 connections) | ${check.requestsPerSecond.toLocaleString('en-US')} req/s, p50 ${check.p50} ms, p99 ${check.p99} ms | bare Node http + PK SELECT: ${baseline.requestsPerSecond.toLocaleString('en-US')} req/s, p99 ${baseline.p99} ms | **${ratio(check.requestsPerSecond, baseline.requestsPerSecond)}** (goal ≥ 0.3, p99 < 25 ms) |
| entitlements.check, fast path (50 connections) | ${fastCheck.requestsPerSecond.toLocaleString('en-US')} req/s, p50 ${fastCheck.p50} ms, p99 ${fastCheck.p99} ms | bare Node http + PK SELECT: ${baseline.requestsPerSecond.toLocaleString('en-US')} req/s, p99 ${baseline.p99} ms | **${ratio(fastCheck.requestsPerSecond, baseline.requestsPerSecond)}** (goal ≥ 0.3, p99 < 25 ms) |
| Next route handler returning a constant (/health) | ${floor.requestsPerSecond.toLocaleString('en-US')} req/s, p50 ${floor.p50} ms, p99 ${floor.p99} ms | | ${ratio(floor.requestsPerSecond, baseline.requestsPerSecond)} of bare |

App memory (RSS): ${rssAtStart} MiB at start, ${rssAfterIngest} MiB after the ingest benchmark, ${rssAtEnd} MiB at the end.
Batches not fully accepted: ${rejected}; check errors ${check.errors + fastCheck.errors}, non-2xx ${check.non2xx + fastCheck.non2xx}.`;

console.log(table);
writeSection('bench/usage', table);

bare.close();
await Promise.all([raw.end(), pool.end()]);
await app.stop();
await db.drop();
process.exit(0);
