import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-support/harness';

/**
 * Runs each of stripe-cli's `stripe trigger <event>` recipes against the simulator, request by
 * request, and checks that the events Stripe says the recipe produces arrive, signed.
 * Skipped: checkout.session.* — the simulator has no Checkout (out of scope for the billing service).
 */
const DIR = '/work/shared/stripe/stripe-cli-triggers';

interface Fixture {
  name: string;
  path: string;
  method: string;
  params?: Record<string, unknown>;
  expected_error_type?: string;
}
interface Recipe {
  _meta: { aliases?: string[] };
  fixtures: Fixture[];
}

/** Trigger names that are not event types, and what Stripe produces for them. */
const PRODUCES: Record<string, string[]> = {
  'subscription.payment_succeeded': ['customer.subscription.created', 'invoice.paid', 'invoice.payment_succeeded'],
  'subscription.payment_failed': ['customer.subscription.created', 'invoice.payment_failed'],
};

const recipes = readdirSync(DIR)
  .filter((file) => file.endsWith('.json') && !file.startsWith('checkout.session.'))
  .map((file) => ({
    trigger: path.basename(file, '.json'),
    recipe: JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Recipe,
  }));

/** stripe-cli's `${name:field}` references to earlier responses. */
function substitute<T>(value: T, results: Record<string, Record<string, unknown>>): T {
  if (typeof value === 'string') {
    return value.replace(/\$\{(\w+):([\w.]+)\}/g, (_, name: string, field: string) =>
      String(field.split('.').reduce<unknown>((obj, key) => (obj as Record<string, unknown>)?.[key], results[name])),
    ) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => substitute(v, results)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)])) as T;
  }
  return value;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('stripe-cli trigger recipes', () => {
  it('cover every non-checkout recipe in the reference folder', () => {
    expect(recipes.length).toBeGreaterThanOrEqual(18);
  });

  it.each(recipes)('$trigger', async ({ trigger, recipe }) => {
    await h.sim.webhooks.settled();
    h.receiver.clear();
    const results: Record<string, Record<string, unknown>> = {};
    for (const fixture of recipe.fixtures) {
      const call = h.stripe.rawRequest(
        fixture.method.toUpperCase(),
        substitute(fixture.path, results),
        substitute(fixture.params ?? {}, results),
      );
      if (fixture.expected_error_type) {
        const error = await call.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(Stripe.errors.StripeError);
        expect((error as Stripe.errors.StripeError).rawType).toBe(fixture.expected_error_type);
        continue;
      }
      results[fixture.name] = (await call) as Record<string, unknown>;
    }
    await h.sim.webhooks.settled();
    const expected = PRODUCES[trigger] ?? [trigger, ...(recipe._meta.aliases ?? [])];
    expect(h.receiver.types()).toEqual(expect.arrayContaining(expected));
    expect(h.receiver.rejected).toEqual([]);
  });
});
