import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function raw(method: string, path: string, body?: string, key: string | null = 'sk_test_errors') {
  const res = await fetch(`${h.sim.url}${path}`, {
    method,
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body,
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as { error: Record<string, unknown> } };
}

describe('bad input gets Stripe’s error shape', () => {
  it('401 without a valid secret key', async () => {
    const missing = await raw('GET', '/v1/customers', undefined, null);
    expect(missing.status).toBe(401);
    expect(missing.json.error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringContaining('You did not provide an API key'),
    });
    const live = await raw('GET', '/v1/customers', undefined, 'sk_live_1234567890abcd');
    expect(live.status).toBe(401);
    const sdk = new Stripe('rk_nope_123', { host: h.sim.host, port: h.sim.port, protocol: 'http' });
    await expect(sdk.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('400 parameter_unknown, parameter_missing, parameter_invalid_integer, parameter_invalid_empty', async () => {
    const unknown = await raw('POST', '/v1/customers', 'emial=x%40example.com');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toEqual({
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param: 'emial',
      message: 'Received unknown parameter: emial',
      doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
    });
    const nested = await raw('POST', '/v1/subscriptions', 'customer=cus_x&items[0][prise]=price_x');
    expect(nested.json.error).toMatchObject({ code: 'parameter_unknown', param: 'items[0][prise]' });
    const missing = await raw('POST', '/v1/subscriptions', 'items[0][price]=price_x');
    expect(missing.json.error).toMatchObject({
      code: 'parameter_missing',
      param: 'customer',
      message: 'Missing required param: customer.',
    });
    const integer = await raw('POST', '/v1/prices', 'currency=usd&product=prod_x&unit_amount=abc');
    expect(integer.json.error).toMatchObject({
      code: 'parameter_invalid_integer',
      param: 'unit_amount',
      message: 'Invalid integer: abc',
    });
    const empty = await raw('POST', '/v1/subscriptions', 'customer=&items[0][price]=price_x');
    expect(empty.json.error).toMatchObject({ code: 'parameter_invalid_empty', param: 'customer' });
  });

  it('400 for bad booleans, enums, arrays, limits and expansions, as Stripe words them', async () => {
    const bool = await raw('POST', '/v1/products', 'name=x&active=maybe');
    expect(bool.json.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'active',
      message: 'Invalid boolean: maybe',
    });
    const enumValue = await raw(
      'POST',
      '/v1/subscriptions',
      'customer=cus_x&items[0][price]=p&payment_behavior=sometimes',
    );
    expect(enumValue.json.error).toMatchObject({
      param: 'payment_behavior',
      message: expect.stringContaining('must be one of allow_incomplete'),
    });
    const notArray = await raw('POST', '/v1/subscriptions', 'customer=cus_x&items=price_x');
    expect(notArray.json.error).toMatchObject({ param: 'items', message: 'Invalid array' });
    const limit = await raw('GET', '/v1/customers?limit=1000');
    expect(limit.json.error).toMatchObject({
      param: 'limit',
      message: 'This value must be less than or equal to 100.',
    });
    const conflict = await raw('POST', '/v1/customers', 'metadata=x&metadata[a]=b');
    expect(conflict.status).toBe(400);
    const customer = await h.stripe.customers.create({});
    await expect(h.stripe.customers.retrieve(customer.id, { expand: ['email'] })).rejects.toMatchObject({
      statusCode: 400,
      message: 'This property cannot be expanded (email).',
    });
  });

  it('404 resource_missing for unknown ids, naming the parameter', async () => {
    const error = await h.stripe.customers.retrieve('cus_nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'id',
      message: "No such customer: 'cus_nope'",
    });
    const customer = await h.stripe.customers.create({});
    await expect(
      h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: 'price_nope' }] }),
    ).rejects.toMatchObject({
      statusCode: 404,
      param: 'items[0][price]',
    });
    const url = await raw('GET', '/v1/nothing_here');
    expect(url.status).toBe(404);
    expect(url.json.error.message).toContain('Unrecognized request URL (GET: /v1/nothing_here)');
  });

  it('prices are immutable: changing unit_amount is refused as an unknown parameter', async () => {
    const price = await h.monthlyPrice(1000);
    await expect(h.stripe.rawRequest('POST', `/v1/prices/${price.id}`, { unit_amount: 2000 })).rejects.toMatchObject({
      code: 'parameter_unknown',
      param: 'unit_amount',
    });
    const renamed = await h.stripe.prices.update(price.id, {
      nickname: 'Monthly',
      lookup_key: 'monthly_1000',
      metadata: { tier: 'a' },
    });
    expect(renamed).toMatchObject({ nickname: 'Monthly', lookup_key: 'monthly_1000', unit_amount: 1000 });
  });

  it('every answer carries Request-Id and Stripe-Version, and the server stays up', async () => {
    const response = await raw('POST', '/v1/customers', '%E0%A4%A=broken');
    expect(response.status).toBe(400);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(response.headers.get('stripe-version')).toBe(Stripe.API_VERSION);
    expect((await h.stripe.customers.list({ limit: 1 })).object).toBe('list');
  });
});
