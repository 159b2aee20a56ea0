import Stripe from 'stripe';
import { startStripeSimulator } from '../index';
import type { StripeSimulatorOptions } from '../types';
import { startReceiver } from './receiver';

export const WEBHOOK_SECRET = 'whsec_simulator_test_secret';
export const DAY = 86_400;
/** 2030-01-15T00:00:00Z: test clocks start here, mid-month so month arithmetic is unremarkable. */
export const CLOCK_START = 1_894_665_600;

/**
 * A simulator on a free port, the real `stripe` SDK pointed at it, and a webhook receiver that
 * verifies every signature. Time only moves through test clocks (the real-time tick is off).
 */
export async function startHarness(opts: Partial<StripeSimulatorOptions> = {}) {
  const receiver = await startReceiver(WEBHOOK_SECRET);
  const warnings: Array<{ obj: object; msg?: string }> = [];
  const sim = await startStripeSimulator({
    logger: { info: () => undefined, warn: (obj, msg) => warnings.push({ obj, msg }) },
    port: 0,
    webhookUrl: receiver.url,
    webhookSecret: WEBHOOK_SECRET,
    tickIntervalMs: 0,
    webhookRetry: { initialDelayMs: 10, maxDelayMs: 40 },
    ...opts,
  });
  const stripe = new Stripe('sk_test_simulator', {
    host: sim.host,
    port: sim.port,
    protocol: 'http',
    maxNetworkRetries: 2,
  });

  /** Advances a clock and waits, as a Stripe client does, until it is `ready` again. */
  async function advance(clockId: string, frozenTime: number): Promise<Stripe.TestHelpers.TestClock> {
    await stripe.testHelpers.testClocks.advance(clockId, { frozen_time: frozenTime });
    for (let i = 0; i < 2000; i++) {
      const clock = await stripe.testHelpers.testClocks.retrieve(clockId);
      if (clock.status === 'ready') return clock;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`test clock ${clockId} did not become ready`);
  }

  /** A customer on a fresh test clock, with `pm_card_visa` (or another test card) as default. */
  async function customerOnClock(card = 'pm_card_visa', params: Stripe.CustomerCreateParams = {}) {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: CLOCK_START });
    const customer = await stripe.customers.create({ email: 'jenny@example.com', test_clock: clock.id, ...params });
    const pm = await stripe.paymentMethods.attach(card, { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    return { clock, customer, pm };
  }

  async function monthlyPrice(unitAmount: number, params: Partial<Stripe.PriceCreateParams> = {}) {
    const product = await stripe.products.create({ name: `Plan ${unitAmount}` });
    return stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: unitAmount,
      recurring: { interval: 'month' },
      ...params,
    });
  }

  return {
    sim,
    stripe,
    receiver,
    warnings,
    advance,
    customerOnClock,
    monthlyPrice,
    async close() {
      await sim.stop();
      await receiver.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
