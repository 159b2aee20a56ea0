import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { billingCustomers, stripeEvents } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { captureLogger } from '@/test/deps';
import { handleStripeWebhook, type WebhookDeps } from './handle-webhook';

const SECRET = 'whsec_current_secret';
const OLD_SECRET = 'whsec_previous_secret';
const signer = new Stripe('sk_test_signing');

let database: TestDatabase;
let deps: WebhookDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = {
    db: database.db,
    payments: new Proxy({} as WebhookDeps['payments'], {
      get: () => () => Promise.reject(new Error('no Stripe here')),
    }),
    logger: captureLogger('silent').logger,
    webhookSecrets: [SECRET, OLD_SECRET],
  };
  await database.db.insert(billingCustomers).values({ organizationId: 'org_hooks', stripeCustomerId: 'cus_hooks' });
});
afterAll(() => database.destroy());

let sequence = 0;
const startedAt = Math.floor(Date.now() / 1000) - 1000;
// Each event a second apart: events in the same second would be read back from Stripe (none here).
function event(type: string, object: Record<string, unknown>, created = startedAt + sequence) {
  return JSON.stringify({
    id: `evt_test_${++sequence}`,
    object: 'event',
    type,
    created,
    api_version: '2026-10-28.endive',
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  });
}
const sign = (payload: string, secret = SECRET, timestamp?: number) =>
  signer.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
const recorded = async (payload: string) =>
  database.db
    .select()
    .from(stripeEvents)
    .where(eq(stripeEvents.id, (JSON.parse(payload) as { id: string }).id));

const customerUpdated = () =>
  event('customer.updated', { id: 'cus_hooks', object: 'customer', invoice_settings: {}, metadata: {} });

describe('the Stripe webhook endpoint', () => {
  it('refuses a bad or missing signature with 400 and stores nothing', async () => {
    const payload = customerUpdated();
    expect((await handleStripeWebhook(payload, sign(payload, 'whsec_wrong'), deps)).status).toBe(400);
    expect((await handleStripeWebhook(payload, null, deps)).status).toBe(400);
    expect((await handleStripeWebhook(`${payload} `, sign(payload), deps)).status).toBe(400); // the raw body is what is signed
    expect(await recorded(payload)).toEqual([]);
  });

  it('refuses a signature older than 300 seconds', async () => {
    const payload = customerUpdated();
    const result = await handleStripeWebhook(payload, sign(payload, SECRET, Math.floor(Date.now() / 1000) - 301), deps);
    expect(result).toEqual({ status: 400, body: { error: 'signature timestamp is too old' } });
  });

  it('accepts either secret during a rotation', async () => {
    for (const secret of [SECRET, OLD_SECRET]) {
      const payload = customerUpdated();
      expect((await handleStripeWebhook(payload, sign(payload, secret), deps)).status).toBe(200);
    }
  });

  it('records an event once: a second delivery answers 200 and changes nothing', async () => {
    const payload = customerUpdated();
    const first = await handleStripeWebhook(payload, sign(payload), deps);
    const second = await handleStripeWebhook(payload, sign(payload), deps);
    expect(first.body).toMatchObject({ received: true, outcome: 'applied' });
    expect(second.body).toEqual({ received: true, duplicate: true });
    expect(await recorded(payload)).toEqual([expect.objectContaining({ outcome: 'processed' })]);
  });

  it('records and acknowledges event types it does not handle', async () => {
    const payload = event('charge.refunded', { id: 'ch_1', object: 'charge' });
    expect((await handleStripeWebhook(payload, sign(payload), deps)).body).toMatchObject({ outcome: 'ignored' });
    expect(await recorded(payload)).toEqual([expect.objectContaining({ outcome: 'ignored', type: 'charge.refunded' })]);
  });

  it('records a malformed object as failed with the reason, and answers 200 so Stripe stops retrying', async () => {
    const payload = event('invoice.paid', { id: 'in_broken', object: 'invoice' });
    const result = await handleStripeWebhook(payload, sign(payload), deps);
    expect(result).toEqual({ status: 200, body: { received: true, outcome: 'failed' } });
    const [row] = await recorded(payload);
    expect(row).toMatchObject({ outcome: 'failed' });
    expect(row!.error).toMatch(/malformed invoice.paid payload/);
  });

  it('answers 500 when the database is down, stores nothing, and applies the retry', async () => {
    const payload = customerUpdated();
    const down = new Proxy(database.db, {
      get: (target, property) =>
        property === 'transaction' || property === 'select'
          ? () => {
              throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
            }
          : Reflect.get(target, property),
    }) as Database;
    expect((await handleStripeWebhook(payload, sign(payload), { ...deps, db: down })).status).toBe(500);
    expect(await recorded(payload)).toEqual([]);
    expect((await handleStripeWebhook(payload, sign(payload), deps)).status).toBe(200);
    expect(await recorded(payload)).toEqual([expect.objectContaining({ outcome: 'processed' })]);
  });
});
