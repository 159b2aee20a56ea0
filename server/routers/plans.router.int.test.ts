import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plans } from '@/db/schema';
import { ENTERPRISE_PLAN_ID, PRO_PLAN_ID, STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import { createInnerContext, type ServiceDeps } from '../trpc/context';
import { handleTrpcRequest } from '../trpc/http';
import { createCaller } from './_app';

let database: TestDatabase;
let deps: ServiceDeps;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  deps = testDeps(database.db);
  server = await serveFetchHandler((request) => handleTrpcRequest(request, deps));
});
afterAll(async () => {
  await server.close();
  await database.destroy();
});

const caller = () => createCaller(createInnerContext(deps, { requestId: 'test' }));

describe('plans through createCaller', () => {
  it('lists the public plans in order with prices, features and limits', async () => {
    const list = await caller().plans.list();
    expect(list.map((p) => [p.id, p.name, p.priceMonthly, p.priceYearly])).toEqual([
      [STARTER_PLAN_ID, 'starter', 2900, 29000],
      [PRO_PLAN_ID, 'pro', 9900, 99000],
      [ENTERPRISE_PLAN_ID, 'enterprise', 29900, 299000],
    ]);
    const pro = list[1]!;
    expect(pro.displayName).toBe('Professional');
    expect(pro.limits.find((l) => l.resourceType === 'notifications_per_month')).toMatchObject({
      maxValue: 100_000,
      overageUnitPrice: '0.08',
      enforcement: 'soft',
    });
    expect(pro.limits.find((l) => l.resourceType === 'websites')).toMatchObject({ maxValue: 5, enforcement: 'hard' });
    expect(list[2]!.limits.every((l) => l.resourceType === 'data_retention_days' || l.unlimited)).toBe(true);
    expect(pro.features.find((f) => f.name === 'templates')).toMatchObject({ featureType: 'number', value: '25' });
  });

  it('gets one plan by id', async () => {
    expect((await caller().plans.get({ id: PRO_PLAN_ID })).name).toBe('pro');
  });

  it('answers NOT_FOUND for an unknown plan and BAD_REQUEST for a malformed id', async () => {
    await expect(caller().plans.get({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const error = await caller()
      .plans.get({ id: 'nope' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });

  it('hides archived and private plans from the catalog', async () => {
    await database.db.update(plans).set({ isActive: false }).where(eq(plans.id, ENTERPRISE_PLAN_ID));
    try {
      expect((await caller().plans.list()).map((p) => p.name)).toEqual(['starter', 'pro']);
      await expect(caller().plans.get({ id: ENTERPRISE_PLAN_ID })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await database.db.update(plans).set({ isActive: true }).where(eq(plans.id, ENTERPRISE_PLAN_ID));
    }
  });
});

describe('plans over HTTP', () => {
  it('returns plain JSON (no transformer) with ISO timestamps and the fixed ids', async () => {
    const response = await fetch(`${server.url}/api/trpc/plans.list`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const body = (await response.json()) as { result: { data: Array<{ id: string; createdAt: string }> } };
    expect(body.result.data.map((p) => p.id)).toEqual([STARTER_PLAN_ID, PRO_PLAN_ID, ENTERPRISE_PLAN_ID]);
    expect(body.result.data[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('takes input as a JSON query parameter', async () => {
    const input = encodeURIComponent(JSON.stringify({ id: PRO_PLAN_ID }));
    const body = (await (await fetch(`${server.url}/api/trpc/plans.get?input=${input}`)).json()) as {
      result: { data: { name: string } };
    };
    expect(body.result.data.name).toBe('pro');
  });

  it('batches several calls into one request', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: { id: STARTER_PLAN_ID } }));
    const response = await fetch(`${server.url}/api/trpc/plans.list,plans.get?batch=1&input=${input}`);
    const body = (await response.json()) as Array<{ result: { data: unknown } }>;
    expect(body).toHaveLength(2);
    expect((body[1]!.result.data as { name: string }).name).toBe('starter');
  });

  it('answers 404 with our code for a missing plan, and keeps the caller’s request id', async () => {
    const input = encodeURIComponent(JSON.stringify({ id: '00000000-0000-4000-8000-000000000000' }));
    const response = await fetch(`${server.url}/api/trpc/plans.get?input=${input}`, {
      headers: { 'x-request-id': 'caller-request-0001' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('caller-request-0001');
    const body = (await response.json()) as { error: { message: string; data: Record<string, unknown> } };
    expect(body.error.message).toBe('Plan not found');
    expect(body.error.data).toMatchObject({ code: 'NOT_FOUND', trpcCode: 'NOT_FOUND', httpStatus: 404 });
  });

  it('answers 400 with field errors for bad input, and never a stack trace', async () => {
    const input = encodeURIComponent(JSON.stringify({ id: 42 }));
    const response = await fetch(`${server.url}/api/trpc/plans.get?input=${input}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { data: Record<string, unknown> } };
    expect(body.error.data.code).toBe('VALIDATION_ERROR');
    expect(body.error.data.fieldErrors).toHaveProperty('id');
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts/);
  });

  it('answers malformed JSON input with VALIDATION_ERROR, not a 500', async () => {
    const response = await fetch(`${server.url}/api/trpc/plans.get?input=%7Bnot-json`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('VALIDATION_ERROR');
  });

  it('answers an unknown procedure with NOT_FOUND', async () => {
    const response = await fetch(`${server.url}/api/trpc/plans.nope`);
    expect(response.status).toBe(404);
  });
});
