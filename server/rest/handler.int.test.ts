import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRO_PLAN_ID, STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { paymentsUnavailable, testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import type { PaymentsGateway } from '../billing/payments.port';
import { createRateLimiter } from '../ratelimit/rate-limit';
import type { ServiceDeps } from '../trpc/context';
import { handleRestRequest } from './handler';
import { MAX_BODY_BYTES } from './input';
import { dataOf, expectError, rest } from './test-support/rest-client';
import { startRestStack, type RestStack } from './test-support/stack';

let stack: RestStack;
const servers: TestServer[] = [];
beforeAll(async () => {
  stack = await startRestStack();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await stack.stop();
});

/** Another app instance on the same database, with some dependencies replaced. */
async function instance(overrides: Partial<ServiceDeps>): Promise<string> {
  const deps = testDeps(stack.database.db, { payments: stack.stripe.payments, ...overrides });
  const server = await serveFetchHandler((request) => handleRestRequest(request, deps));
  servers.push(server);
  return server.url;
}

const subscribeBody = (org: string) => ({ organization_id: org, plan_id: STARTER_PLAN_ID, billing_cycle: 'monthly' });

describe('request bodies', () => {
  it('answers VALIDATION_ERROR, never a 500, to malformed JSON', async () => {
    const headers = await stack.as('org_body', 'org:billing');
    const answer = await rest(stack.server.url, 'POST', '/api/subscriptions', { headers, raw: '{"plan_id": ' });
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(answer.body.details).toEqual({ body: ['The request body is not valid JSON'] });
  });

  it('refuses a body that is not JSON, and a missing one where fields are required', async () => {
    const headers = await stack.as('org_body', 'org:billing');
    const form = await rest(stack.server.url, 'POST', '/api/subscriptions', {
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      raw: 'plan_id=x',
    });
    expectError(form, 'VALIDATION_ERROR', 400);
    expect(Object.keys(form.body.details as object)).toEqual(['body']);
    const missing = await rest(stack.server.url, 'POST', '/api/subscriptions', { headers });
    expectError(missing, 'VALIDATION_ERROR', 400);
    expect(missing.body.details).toEqual({ body: ['required'] });
  });

  it('refuses a JSON value that is not an object', async () => {
    const headers = await stack.as('org_body', 'org:billing');
    const answer = await rest(stack.server.url, 'POST', '/api/subscriptions', { headers, raw: '[1, 2]' });
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(Object.keys(answer.body.details as object)).toEqual(['body']);
  });

  it('refuses a body over 1 MiB by its declared length, before reading it', async () => {
    const headers = await stack.as('org_body', 'org:billing');
    const big = JSON.stringify({ ...subscribeBody('org_body'), promo_code: 'x'.repeat(MAX_BODY_BYTES) });
    const answer = await rest(stack.server.url, 'POST', '/api/subscriptions', { headers, raw: big });
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(answer.body.details).toEqual({ body: [expect.stringMatching(/larger than 1048576 bytes/)] });
  });

  it('refuses a chunked body over 1 MiB as it arrives', async () => {
    const headers = await stack.as('org_body', 'org:billing');
    const chunk = new TextEncoder().encode(' '.repeat(256 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${stack.server.url}/api/subscriptions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_ERROR', details: { body: [expect.any(String)] } });
  });
});

describe('query strings', () => {
  it('refuses a parameter given twice instead of picking one', async () => {
    const headers = await stack.as('org_query', 'org:member');
    const answer = await rest(stack.server.url, 'GET', '/api/invoices?limit=5&limit=50', { headers });
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(answer.body.details).toEqual({ limit: ['given more than once'] });
  });
});

describe('failures of our dependencies', () => {
  it('answers STRIPE_ERROR (502) when Stripe cannot be reached', async () => {
    const url = await instance({ payments: paymentsUnavailable });
    const headers = await stack.as('org_stripe_down', 'org:billing');
    const answer = await rest(url, 'POST', '/api/subscriptions', { headers, body: subscribeBody('org_stripe_down') });
    expectError(answer, 'STRIPE_ERROR', 502);
  });

  it('answers INTERNAL_ERROR (500) to an unexpected failure without passing its text on', async () => {
    const broken = new Proxy({} as PaymentsGateway, {
      get: () => () => Promise.reject(new Error('relation "secret_table" does not exist at pg://db')),
    });
    const url = await instance({ payments: broken });
    const headers = await stack.as('org_broken', 'org:billing');
    const answer = await rest(url, 'POST', '/api/subscriptions', { headers, body: subscribeBody('org_broken') });
    expect(answer).toMatchObject({ status: 500, body: { status: 'error', code: 'INTERNAL_ERROR' } });
    expect(JSON.stringify(answer.body)).not.toMatch(/secret_table|pg:\/\/|at /);
  });
});

describe('rate limits', () => {
  it('counts reads, writes and usage ingest in their own buckets; over the limit answers 429, Retry-After and RATE_LIMITED', async () => {
    const url = await instance({ rateLimiter: createRateLimiter({ budgets: { read: 2, write: 1, ingest: 1 } }) });
    const headers = await stack.as('org_limited', 'org:billing');
    expect((await rest(url, 'GET', '/api/plans', { headers })).status).toBe(200);
    expect((await rest(url, 'GET', `/api/plans/${PRO_PLAN_ID}`, { headers })).status).toBe(200);
    const limited = await rest(url, 'GET', '/api/plans', { headers });
    expectError(limited, 'RATE_LIMITED', 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.details).toEqual({ retry_after_seconds: Number(limited.headers.get('retry-after')) });
    // The write budget is untouched by the reads.
    const write = await rest(url, 'DELETE', `/api/payment-methods/${PRO_PLAN_ID}`, { headers });
    expectError(write, 'NOT_FOUND', 404);
    expectError(await rest(url, 'DELETE', `/api/payment-methods/${PRO_PLAN_ID}`, { headers }), 'RATE_LIMITED', 429);
    // Usage ingest has a budget of its own, so a flood of events never starves the portal's writes.
    const usage = { events: [{ metric: 'websites', quantity: 1, idempotency_key: 'rl-1' }] };
    expect((await rest(url, 'POST', '/api/usage', { headers, body: usage })).status).toBe(200);
    expectError(await rest(url, 'POST', '/api/usage', { headers, body: usage }), 'RATE_LIMITED', 429);
  });
});

describe('every answer', () => {
  it('carries the request id, echoing a well-formed one from the caller', async () => {
    const answer = await rest(stack.server.url, 'GET', '/api/plans', { headers: { 'x-request-id': 'trace-12345678' } });
    expect(answer.headers.get('x-request-id')).toBe('trace-12345678');
    expect(dataOf(answer)).toBeInstanceOf(Array);
  });

  it('answers NOT_FOUND in the envelope for a route that does not exist', async () => {
    const answer = await rest(stack.server.url, 'GET', '/api/nothing-here');
    expect(answer).toMatchObject({ status: 404, body: { status: 'error', code: 'NOT_FOUND' } });
  });

  it('answers UNAUTHORIZED with the reason a presented credential was refused', async () => {
    const answer = await rest(stack.server.url, 'GET', '/api/invoices', { headers: { authorization: 'Basic x' } });
    expectError(answer, 'UNAUTHORIZED', 401);
    expect(answer.body.message).toBe('Authorization header must be "Bearer <token>"');
  });
});
