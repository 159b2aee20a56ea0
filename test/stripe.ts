import type Stripe from 'stripe';
import type { Database } from '../db/client';
import type { PaymentsGateway } from '../server/billing/payments.port';
import { syncCatalogToStripe } from '../server/stripe/catalog-sync';
import { createStripeClient, DEV_WEBHOOK_SECRET } from '../server/stripe/client';
import { createStripeGateway } from '../server/stripe/gateway';
import { startStripeSimulator, type StripeSimulator } from '../server/stripe/simulator';

export interface TestStripe {
  simulator: StripeSimulator;
  stripe: Stripe;
  payments: PaymentsGateway;
  webhookSecret: string;
  stop(): Promise<void>;
}

/**
 * The local Stripe simulator on a free port, the real SDK pointed at it, and the catalog mirrored into
 * it: the one test double for Stripe, so the adapter runs for real.
 */
export async function startTestStripe(db: Database, options: { webhookUrl?: string | null } = {}): Promise<TestStripe> {
  const simulator = await startStripeSimulator({
    port: 0,
    webhookUrl: options.webhookUrl ?? null,
    webhookSecret: DEV_WEBHOOK_SECRET,
    tickIntervalMs: 0,
    webhookRetry: { initialDelayMs: 20, maxDelayMs: 200 },
  });
  const stripe = createStripeClient('sk_test_integration', {
    host: simulator.host,
    port: simulator.port,
    protocol: 'http',
  });
  await syncCatalogToStripe(db, stripe);
  return {
    simulator,
    stripe,
    payments: createStripeGateway(stripe),
    webhookSecret: DEV_WEBHOOK_SECRET,
    stop: () => simulator.stop(),
  };
}
