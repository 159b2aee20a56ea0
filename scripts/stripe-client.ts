import type { AppConfig } from '../server/config/config';
import { createStripeClient, SIMULATOR_SECRET_KEY } from '../server/stripe/client';
import { endpointOf } from '../server/stripe/payments-runtime';

/**
 * The Stripe client a command-line script uses: real Stripe with STRIPE_SECRET_KEY; otherwise the
 * simulator of the running app (or of `npm run stripe:sim`) on STRIPE_SIM_PORT.
 */
export async function scriptStripeClient({ env }: AppConfig) {
  if (env.STRIPE_SECRET_KEY) {
    return createStripeClient(env.STRIPE_SECRET_KEY, env.STRIPE_API_URL ? endpointOf(env.STRIPE_API_URL) : undefined);
  }
  const port = env.STRIPE_SIM_PORT || 12111;
  const stripe = createStripeClient(SIMULATOR_SECRET_KEY, { host: '127.0.0.1', port, protocol: 'http' });
  try {
    await stripe.customers.list({ limit: 1 });
  } catch {
    throw new Error(
      `no Stripe simulator answers on 127.0.0.1:${port}: start the app (npm run dev) or npm run stripe:sim first`,
    );
  }
  return stripe;
}
