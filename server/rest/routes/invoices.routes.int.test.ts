import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceLines, invoices } from '@/db/schema';
import { dataOf, expectError, expectSuccessCovered, rest } from '../test-support/rest-client';
import { startRestStack, type RestStack } from '../test-support/stack';
import { invoiceRoutes } from './invoices.routes';

let stack: RestStack;
const ORG = 'org_rest_invoices';
let newest: string;

beforeAll(async () => {
  stack = await startRestStack();
  // 25 invoices a day apart (the newest is the last), and one of another organization.
  const rows = await stack.database.db
    .insert(invoices)
    .values(
      Array.from({ length: 25 }, (_, i) => ({
        organizationId: ORG,
        status: 'paid' as const,
        currency: 'usd',
        number: `INV-${String(i).padStart(3, '0')}`,
        subtotal: 2900,
        total: 2900,
        amountDue: 2900,
        amountPaid: 2900,
        stripeInvoiceId: `in_rest_${i}`,
        stripeCreatedAt: new Date(Date.UTC(2030, 0, 1 + i)),
      })),
    )
    .returning({ id: invoices.id });
  newest = rows[24]!.id;
  await stack.database.db.insert(invoiceLines).values([
    { invoiceId: newest, organizationId: ORG, description: 'Starter', amount: 2900, currency: 'usd', quantity: 1 },
    {
      invoiceId: newest,
      organizationId: ORG,
      description: 'notifications_per_month overage',
      amount: 250,
      currency: 'usd',
      quantity: 2500,
      unitAmountDecimal: '0.1',
    },
  ]);
  await stack.database.db
    .insert(invoices)
    .values({ organizationId: 'org_rest_elsewhere', status: 'open', currency: 'usd', stripeInvoiceId: 'in_theirs' });
});
afterAll(() => stack.stop());

type Page = { items: Array<{ number: string; organization_id: string; total: number }>; total: number };
const get = async (path: string, org = ORG, role = 'org:member') =>
  rest(stack.server.url, 'GET', path, { headers: await stack.as(org, role) });

describe('GET /api/invoices', () => {
  it('pages by limit and offset, newest first, with the total, amounts in major units', async () => {
    const first = dataOf<Page>(await get('/api/invoices?limit=10'));
    expect(first).toMatchObject({ total: 25, limit: 10, offset: 0 });
    expect(first.items.map((i) => i.number).slice(0, 2)).toEqual(['INV-024', 'INV-023']);
    expect(first.items[0]).toMatchObject({ organization_id: ORG, total: 29, amount_paid: 29, status: 'paid' });
    const numbers = [...first.items];
    for (const offset of [10, 20])
      numbers.push(...dataOf<Page>(await get(`/api/invoices?limit=10&offset=${offset}`)).items);
    expect(numbers).toHaveLength(25);
    expect(new Set(numbers.map((i) => i.number)).size).toBe(25);
    expect(dataOf<Page>(await get('/api/invoices?offset=25')).items).toEqual([]);
  });

  it('defaults to 20 a page and accepts the caller’s own organization_id', async () => {
    const page = dataOf<Page>(await get(`/api/invoices?organization_id=${ORG}`));
    expect(page).toMatchObject({ limit: 20, offset: 0, total: 25 });
    expect(page.items).toHaveLength(20);
  });

  it('answers NOT_FOUND for another organization’s invoices', async () => {
    expectError(await get('/api/invoices?organization_id=org_rest_elsewhere'), 'NOT_FOUND', 404);
    const own = dataOf<Page>(await get('/api/invoices', 'org_rest_elsewhere'));
    expect(own.total).toBe(1);
  });

  it.each(['limit=0', 'limit=101', 'limit=ten', 'offset=-1', 'page=2'])(
    'answers VALIDATION_ERROR for %s',
    async (query) => {
      const answer = await get(`/api/invoices?${query}`);
      expectError(answer, 'VALIDATION_ERROR', 400);
      expect(Object.keys(answer.body.details as object)).toEqual([query.split('=')[0]]);
    },
  );

  it('refuses anonymous callers and service keys (no scope lets a key read invoices)', async () => {
    expectError(await rest(stack.server.url, 'GET', '/api/invoices'), 'UNAUTHORIZED', 401);
    const key = await stack.key(ORG, ['subscriptions:read', 'usage:write', 'entitlements:read']);
    expectError(await rest(stack.server.url, 'GET', '/api/invoices', { headers: key }), 'FORBIDDEN', 403);
  });
});

describe('GET /api/invoices/:id', () => {
  it('gives the invoice with its lines, unit prices below a cent exact in major units', async () => {
    const invoice = dataOf<{ number: string; lines: Array<Record<string, unknown>> }>(
      await get(`/api/invoices/${newest}`),
    );
    expect(invoice.number).toBe('INV-024');
    expect(invoice.lines).toEqual([
      expect.objectContaining({ description: 'Starter', amount: 29, quantity: 1, unit_amount: null }),
      expect.objectContaining({ amount: 2.5, quantity: 2500, unit_amount: 0.001, proration: false }),
    ]);
  });

  it('answers another organization’s invoice as a missing one: 404', async () => {
    const answer = await get(`/api/invoices/${newest}`, 'org_rest_elsewhere', 'org:admin');
    expectError(answer, 'NOT_FOUND', 404);
    expect(answer.body.message).toBe('Invoice not found');
    expectError(await get('/api/invoices/550e8400-e29b-41d4-a716-446655449999'), 'NOT_FOUND', 404);
  });

  it('answers VALIDATION_ERROR naming `id` for an id that is not a UUID', async () => {
    const answer = await get('/api/invoices/in_123');
    expectError(answer, 'VALIDATION_ERROR', 400);
    expect(answer.body.details).toEqual({ id: ['must be an invoice id (UUID)'] });
  });
});

it('answered every route of the area, each answer valid against the OpenAPI document', () => {
  expectSuccessCovered(invoiceRoutes);
});
