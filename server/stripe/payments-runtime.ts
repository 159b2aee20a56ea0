import type Stripe from 'stripe';
import type { PaymentsGateway } from '../billing/payments.port';
import type { AppConfig } from '../config/config';
import type { Logger } from '../observability/logger';
import { createStripeClient, DEV_WEBHOOK_SECRET, SIMULATOR_SECRET_KEY, type StripeEndpoint } from './client';
import { createStripeGateway } from './gateway';
import type { StripeSimulator } from './simulator';

export interface PaymentsRuntime {
  stripe: Stripe;
  gateway: PaymentsGateway;
  webhookSecrets: string[];
  /** The embedded simulator, when STRIPE_SECRET_KEY is unset. */
  simulator: StripeSimulator | null;
  close(): Promise<void>;
}

/** Secrets the webhook endpoint accepts: the configured ones, or the simulator's development secret. */
export const webhookSecretsOf = ({ env }: AppConfig): string[] =>
  env.STRIPE_WEBHOOK_SECRET?.length ? env.STRIPE_WEBHOOK_SECRET : [DEV_WEBHOOK_SECRET];

/**
 * Real Stripe when STRIPE_SECRET_KEY is set (the simulator is then never loaded); otherwise the local
 * simulator in this process, spoken to by the same SDK.
 */
export async function startPayments(config: AppConfig, logger: Logger): Promise<PaymentsRuntime> {
  const { env } = config;
  const webhookSecrets = webhookSecretsOf(config);
  if (env.STRIPE_SECRET_KEY) {
    const stripe = createStripeClient(
      env.STRIPE_SECRET_KEY,
      env.STRIPE_API_URL ? endpointOf(env.STRIPE_API_URL) : undefined,
    );
    return { stripe, gateway: createStripeGateway(stripe), webhookSecrets, simulator: null, close: async () => {} };
  }
  const { startStripeSimulator } = await import('./simulator');
  const simulator = await startStripeSimulator({
    port: env.STRIPE_SIM_PORT,
    webhookUrl: env.STRIPE_SIM_WEBHOOK_URL ?? `http://127.0.0.1:${env.PORT}/api/webhooks/stripe`,
    webhookSecret: webhookSecrets[0]!,
    persistPath: env.STRIPE_SIM_STATE,
    logger: logger.child({ component: 'stripe-simulator' }),
  });
  const stripe = createStripeClient(SIMULATOR_SECRET_KEY, {
    host: simulator.host,
    port: simulator.port,
    protocol: simulator.protocol,
  });
  return {
    stripe,
    gateway: createStripeGateway(stripe),
    webhookSecrets,
    simulator,
    close: () => simulator.stop(),
  };
}

/** `http://127.0.0.1:12111` → the SDK's host, port and protocol options. */
export function endpointOf(url: string): StripeEndpoint {
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  return { host: parsed.hostname, port: Number(parsed.port || (protocol === 'http' ? 80 : 443)), protocol };
}
