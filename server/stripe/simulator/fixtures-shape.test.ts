import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-support/harness';

/**
 * Every object the simulator returns has every top-level field of Stripe's own sample object
 * (openapi/fixtures3.json), with the same JSON type. Where Stripe returns null for an unset field
 * (and the SDK's type allows null, which `tsc` checks on the simulator's objects), the sample
 * shows a placeholder value instead; those fields are listed here, per object.
 */
const NULL_WHEN_UNSET: Record<string, string[]> = {
  customer: ['address', 'currency', 'discount', 'shipping'],
  payment_method: [],
  setup_intent: [
    'automatic_payment_methods',
    'last_setup_error',
    'next_action',
    'payment_method_configuration_details',
  ],
  product: ['default_price', 'description', 'package_dimensions'],
  price: ['custom_unit_amount', 'transform_quantity'],
  coupon: ['currency', 'duration_in_months', 'redeem_by'],
  promotion_code: ['expires_at'],
  subscription: [
    'billing_cycle_anchor_config',
    'billing_thresholds',
    'cancel_at',
    'canceled_at',
    'ended_at',
    'next_pending_invoice_item_invoice',
    'pause_collection',
    'pending_invoice_item_interval',
    'pending_update',
    'transfer_data',
    'trial_end',
    'trial_start',
  ],
  subscription_item: ['billing_thresholds'],
  subscription_schedule: ['canceled_at', 'completed_at', 'released_at'],
  invoice: [
    'customer_address',
    'customer_shipping',
    'due_date',
    'from_invoice',
    'last_finalization_error',
    'next_payment_attempt',
    'shipping_cost',
    'shipping_details',
    'webhooks_delivered_at',
  ],
  line_item: [],
  invoiceitem: [],
  event: [],
  'test_helpers.test_clock': [],
  discount: ['customer', 'end'],
  invoice_payment: [],
};

const fixtures = (
  JSON.parse(readFileSync('/work/shared/stripe/openapi/fixtures3.json', 'utf8')) as {
    resources: Record<string, Record<string, unknown>>;
  }
).resources;

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function shapeProblems(resource: string, ours: Record<string, unknown>): string[] {
  const sample = fixtures[resource];
  if (!sample) return [`no sample for ${resource}`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(sample)) {
    if (!Object.hasOwn(ours, key)) {
      problems.push(`${resource}.${key} is missing`);
      continue;
    }
    const expected = jsonType(value);
    const actual = jsonType(ours[key]);
    if (expected === 'null' || expected === actual) continue;
    if (actual === 'null' && NULL_WHEN_UNSET[resource]?.includes(key)) continue;
    problems.push(`${resource}.${key} is ${actual}, Stripe's sample has ${expected}`);
  }
  return problems;
}

let h: Harness;
const objects: Record<string, Record<string, unknown>> = {};

async function get(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${h.sim.url}${path}`, { headers: { Authorization: 'Bearer sk_test_shapes' } });
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  h = await startHarness();
  const { clock, customer, pm } = await h.customerOnClock();
  const price = await h.monthlyPrice(1500);
  const coupon = await h.stripe.coupons.create({ percent_off: 10, duration: 'forever', name: '10% off' });
  const promo = await h.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id } });
  const sub = await h.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
    discounts: [{ promotion_code: promo.id }],
  });
  const item = await h.stripe.invoiceItems.create({
    customer: customer.id,
    subscription: sub.id,
    amount: 100,
    currency: 'usd',
    description: 'Seats',
  });
  const schedule = await h.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
  const intent = await h.stripe.setupIntents.create({
    customer: customer.id,
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  const invoiceId = String(sub.latest_invoice);
  const expanded = await get(`/v1/subscriptions/${sub.id}?expand[]=discounts`);
  Object.assign(objects, {
    customer: await get(`/v1/customers/${customer.id}`),
    payment_method: await get(`/v1/payment_methods/${pm.id}`),
    setup_intent: await get(`/v1/setup_intents/${intent.id}`),
    product: await get(`/v1/products/${String(price.product)}`),
    price: await get(`/v1/prices/${price.id}`),
    coupon: await get(`/v1/coupons/${coupon.id}`),
    promotion_code: await get(`/v1/promotion_codes/${promo.id}`),
    subscription: await get(`/v1/subscriptions/${sub.id}`),
    subscription_item: await get(`/v1/subscription_items/${sub.items.data[0]?.id}`),
    subscription_schedule: await get(`/v1/subscription_schedules/${schedule.id}`),
    invoice: await get(`/v1/invoices/${invoiceId}`),
    line_item: ((await get(`/v1/invoices/${invoiceId}/lines`)).data as Array<Record<string, unknown>>)[0],
    invoiceitem: await get(`/v1/invoiceitems/${item.id}`),
    event: ((await get('/v1/events?limit=1')).data as Array<Record<string, unknown>>)[0],
    'test_helpers.test_clock': await get(`/v1/test_helpers/test_clocks/${clock.id}`),
    discount: (expanded.discounts as Array<Record<string, unknown>>)[0],
    invoice_payment: (
      (await get(`/v1/invoice_payments?invoice=${invoiceId}`)).data as Array<Record<string, unknown>>
    )[0],
  });
});
afterAll(async () => {
  await h.close();
});

describe('objects have the shape of Stripe’s sample objects (fixtures3.json)', () => {
  it.each(Object.keys(NULL_WHEN_UNSET))('%s', (resource) => {
    const ours = objects[resource];
    expect(ours?.object).toBe(resource === 'line_item' ? 'line_item' : fixtures[resource]?.object);
    expect(shapeProblems(resource, ours ?? {})).toEqual([]);
  });

  it('the embedded subscription items are subscription_item objects too', () => {
    const items = (objects.subscription?.items as { data: Array<Record<string, unknown>> }).data;
    expect(shapeProblems('subscription_item', items[0] ?? {})).toEqual([]);
  });
});
