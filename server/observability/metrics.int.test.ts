import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import { observeDbQuery } from './metrics';
import { handleMetricsRequest } from './metrics-endpoint';
import { handleTrpcRequest } from '../trpc/http';
import { createRateLimiter } from '../ratelimit/rate-limit';
import { countUsageIngested, countWebhookEvent, observeStripeCall } from './metrics';

const TOKEN = 'metrics-token-for-tests-0123456789';

let database: TestDatabase;
let api: TestServer;
let metricsServer: TestServer;
beforeAll(async () => {
  database = await createTestDatabase({ onQuery: observeDbQuery });
  const rateLimiter = createRateLimiter({ budgets: { read: 1000, write: 1000, ingest: 1000 } });
  const deps = testDeps(database.db, { rateLimiter });
  api = await serveFetchHandler((request) => handleTrpcRequest(request, deps));
  metricsServer = await serveFetchHandler((request) => handleMetricsRequest(request, TOKEN));
});
afterAll(async () => {
  await Promise.all([api.close(), metricsServer.close()]);
  await database.destroy();
});

const scrape = async () => {
  const response = await fetch(`${metricsServer.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
};

/** The value of one sample line, e.g. `billing_errors_total{code="NOT_FOUND"}`. */
const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('GET /api/metrics', () => {
  it('counts requests by procedure and status, errors by code, and times database statements', async () => {
    const before = await scrape();
    await fetch(`${api.url}/api/trpc/plans.list`);
    await fetch(`${api.url}/api/trpc/plans.list`);
    const missing = encodeURIComponent(JSON.stringify({ id: '00000000-0000-4000-8000-000000000000' }));
    await fetch(`${api.url}/api/trpc/plans.get?input=${missing}`);
    await fetch(`${api.url}/api/trpc/no.such.procedure`);
    const after = await scrape();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('billing_http_requests_total{route="plans.list",status="200"}')).toBe(2);
    expect(delta('billing_http_request_duration_seconds_count{route="plans.list",status="200"}')).toBe(2);
    expect(delta('billing_http_requests_total{route="plans.get",status="404"}')).toBe(1);
    expect(delta('billing_http_requests_total{route="unknown",status="404"}')).toBe(1);
    expect(after).not.toContain('no.such.procedure');
    expect(delta('billing_errors_total{code="NOT_FOUND"}')).toBe(2);
    expect(delta('billing_db_query_duration_seconds_count{operation="select",outcome="ok"}')).toBeGreaterThan(0);
    expect(after).toContain('billing_process_cpu_seconds_total');
  });

  it('exposes the Stripe, webhook and usage series the payment and usage code feed', async () => {
    observeStripeCall('subscriptions.create', 0.2);
    observeStripeCall('subscriptions.create', 0.5, 'card_error');
    countWebhookEvent('invoice.paid', 'processed');
    countUsageIngested(40);
    countUsageIngested(2, 'duplicate');
    const text = await scrape();
    expect(sample(text, 'billing_stripe_errors_total{operation="subscriptions.create",type="card_error"}')).toBe(1);
    expect(
      sample(text, 'billing_stripe_call_duration_seconds_count{operation="subscriptions.create",outcome="ok"}'),
    ).toBe(1);
    expect(sample(text, 'billing_webhook_events_total{type="invoice.paid",outcome="processed"}')).toBe(1);
    expect(sample(text, 'billing_usage_events_ingested_total{outcome="accepted"}')).toBe(40);
  });

  it('answers 401 without the token and 404 when no token is configured', async () => {
    expect((await fetch(`${metricsServer.url}/api/metrics`)).status).toBe(401);
    const wrong = await fetch(`${metricsServer.url}/api/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect((await handleMetricsRequest(new Request('http://x/api/metrics'), undefined)).status).toBe(404);
  });
});
