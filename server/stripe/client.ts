import Stripe from 'stripe';

export type { Stripe };

/** The webhook secret the simulator signs with when STRIPE_WEBHOOK_SECRET is unset (development only). */
export const DEV_WEBHOOK_SECRET = 'whsec_billing_service_local_dev_secret';
/** Any `sk_test_` key is accepted by the simulator. */
export const SIMULATOR_SECRET_KEY = 'sk_test_billing_service_simulator';

export interface StripeEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/**
 * The one place the SDK is configured: real Stripe, or the local simulator through the SDK's own
 * host/port/protocol options. Network errors, 409, 429 and 5xx are retried with backoff by the SDK.
 */
export function createStripeClient(secretKey: string, endpoint?: StripeEndpoint): Stripe {
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    appInfo: { name: 'billing-service' },
    ...(endpoint ? { host: endpoint.host, port: endpoint.port, protocol: endpoint.protocol } : {}),
  });
}
