import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics, served at GET /api/metrics. Labels are few and bounded (procedure names from the
 * router, codes from our vocabulary, Stripe operations from the adapter): every request touches these,
 * so an observation is a map lookup and an add, and cardinality never grows with traffic.
 */

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DB_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'billing_' });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'billing_http_requests_total',
      help: 'Requests served, by procedure or route and HTTP status',
      labelNames: ['route', 'status'] as const,
      registers,
    }),
    requestDuration: new Histogram({
      name: 'billing_http_request_duration_seconds',
      help: 'Time to serve a request, by procedure or route and HTTP status',
      labelNames: ['route', 'status'] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    errors: new Counter({
      name: 'billing_errors_total',
      help: 'Errors answered, by the REST envelope code',
      labelNames: ['code'] as const,
      registers,
    }),
    dbQueryDuration: new Histogram({
      name: 'billing_db_query_duration_seconds',
      help: 'Database statement time, by statement kind and outcome',
      labelNames: ['operation', 'outcome'] as const,
      buckets: DB_BUCKETS,
      registers,
    }),
    stripeCallDuration: new Histogram({
      name: 'billing_stripe_call_duration_seconds',
      help: 'Stripe API call time, by operation and outcome',
      labelNames: ['operation', 'outcome'] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    stripeErrors: new Counter({
      name: 'billing_stripe_errors_total',
      help: 'Failed Stripe API calls, by operation and Stripe error type',
      labelNames: ['operation', 'type'] as const,
      registers,
    }),
    webhookEvents: new Counter({
      name: 'billing_webhook_events_total',
      help: 'Stripe webhook events received, by event type and outcome',
      labelNames: ['type', 'outcome'] as const,
      registers,
    }),
    usageIngested: new Counter({
      name: 'billing_usage_events_ingested_total',
      help: 'Usage events received, by outcome (accepted, duplicate, rejected)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: 'billing_rate_limited_total',
      help: 'Requests refused by a rate limit, by bucket',
      labelNames: ['bucket'] as const,
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;

// Next may load this module once per route bundle: one registry per process, on globalThis.
const METRICS = Symbol.for('billing-service.metrics');
const holder = globalThis as { [METRICS]?: Metrics };
const metrics = (): Metrics => (holder[METRICS] ??= createMetrics());

/** One request served: `route` is a procedure path (`plans.list`) or a route (`GET /api/plans`). */
export function observeRequest(route: string, status: number, seconds: number): void {
  const labels = { route, status: String(status) };
  metrics().requests.inc(labels);
  metrics().requestDuration.observe(labels, seconds);
}

/** An error answered to a caller, by envelope code (`VALIDATION_ERROR`, `RATE_LIMITED`, …). */
export function countError(code: string): void {
  metrics().errors.inc({ code });
}

/** One database statement; `operation` is its first keyword (select, insert, …). */
export function observeDbQuery(operation: string, ok: boolean, seconds: number): void {
  metrics().dbQueryDuration.observe({ operation, outcome: ok ? 'ok' : 'error' }, seconds);
}

/** One Stripe API call (the adapter calls this); a failed one also counts under its Stripe error type. */
export function observeStripeCall(operation: string, seconds: number, errorType?: string | null): void {
  metrics().stripeCallDuration.observe({ operation, outcome: errorType ? 'error' : 'ok' }, seconds);
  if (errorType) metrics().stripeErrors.inc({ operation, type: errorType });
}

/** One webhook event, by Stripe type and what became of it (processed, duplicate, ignored, failed, …). */
export function countWebhookEvent(type: string, outcome: string): void {
  metrics().webhookEvents.inc({ type, outcome });
}

/** Usage events from one ingest call, by outcome. */
export function countUsageIngested(count: number, outcome: 'accepted' | 'duplicate' | 'rejected' = 'accepted'): void {
  if (count > 0) metrics().usageIngested.inc({ outcome }, count);
}

export function countRateLimited(bucket: string): void {
  metrics().rateLimited.inc({ bucket });
}

/** The exposition text and its content type, for the metrics endpoint. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
