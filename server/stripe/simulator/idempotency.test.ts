import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

interface Raw {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function post(path: string, body: string, key?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.sim.url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer sk_test_idempotency',
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(key ? { 'Idempotency-Key': key } : {}),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('idempotent requests', () => {
  it('replay the first response byte for byte, marked Idempotent-Replayed', async () => {
    const first = await post('/v1/customers', 'email=once%40example.com&metadata[n]=1', 'key-replay');
    const second = await post('/v1/customers', 'metadata[n]=1&email=once%40example.com', 'key-replay');
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers['request-id']).toBe(first.headers['request-id']);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect((await h.stripe.customers.list({ email: 'once@example.com' })).data).toHaveLength(1);
  });

  it('refuse the same key with other parameters or another endpoint (idempotency_error)', async () => {
    await post('/v1/customers', 'email=a%40example.com', 'key-mismatch');
    for (const [path, body] of [
      ['/v1/customers', 'email=b%40example.com'],
      ['/v1/products', 'name=x'],
    ] as const) {
      const reused = await post(path, body, 'key-mismatch');
      expect(reused.status).toBe(400);
      expect(JSON.parse(reused.body).error).toMatchObject({ type: 'idempotency_error' });
    }
  });

  it('answer 409 while the first request with the key is still in flight', async () => {
    const slow = request(`${h.sim.url}/v1/customers`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer sk_test_x',
        'Content-Type': 'application/x-www-form-urlencoded',
        'Idempotency-Key': 'key-busy',
        'Content-Length': 24,
      },
    });
    const slowResponse = new Promise<number>((resolve) =>
      slow.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0))),
    );
    slow.write('email=slow%40');
    slow.flushHeaders();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const concurrent = await post('/v1/customers', 'email=slow%40example.com', 'key-busy');
    expect(concurrent.status).toBe(409);
    expect(JSON.parse(concurrent.body).error).toMatchObject({
      type: 'idempotency_error',
      code: 'idempotency_key_in_use',
    });
    slow.end('example.com');
    expect(await slowResponse).toBe(200);
  });

  it('save card errors but not parameter errors, so a corrected request can reuse the key', async () => {
    const customer = await h.stripe.customers.create({});
    const declined = await post(
      '/v1/payment_methods/pm_card_chargeDeclined/attach',
      `customer=${customer.id}`,
      'key-card',
    );
    const again = await post(
      '/v1/payment_methods/pm_card_chargeDeclined/attach',
      `customer=${customer.id}`,
      'key-card',
    );
    expect(declined.status).toBe(402);
    expect(again.body).toBe(declined.body);
    expect(again.headers['idempotent-replayed']).toBe('true');

    const invalid = await post('/v1/customers', 'emial=typo%40example.com', 'key-fix');
    expect(invalid.status).toBe(400);
    const fixed = await post('/v1/customers', 'email=typo%40example.com', 'key-fix');
    expect(fixed.status).toBe(200);
  });

  it('work through the SDK’s idempotencyKey option', async () => {
    const a = await h.stripe.customers.create({ email: 'sdk@example.com' }, { idempotencyKey: 'key-sdk' });
    const b = await h.stripe.customers.create({ email: 'sdk@example.com' }, { idempotencyKey: 'key-sdk' });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
    await expect(
      h.stripe.customers.create({ email: 'other@example.com' }, { idempotencyKey: 'key-sdk' }),
    ).rejects.toMatchObject({
      type: 'StripeIdempotencyError',
    });
  });
});
