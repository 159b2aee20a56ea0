import type { Database } from '../db/client';
import { handleStripeWebhook, type WebhookDeps } from '../server/stripe/webhooks/handle-webhook';
import { captureLogger } from './deps';
import { serveFetchHandler, type TestServer } from './http-server';
import { startTestStripe, type TestStripe } from './stripe';

/** Our webhook handler on a free port, for the simulator to deliver to over real HTTP. */
export async function serveWebhooks(deps: () => WebhookDeps): Promise<TestServer & { webhookUrl: string }> {
  const server = await serveFetchHandler(async (request) => {
    const result = await handleStripeWebhook(await request.text(), request.headers.get('stripe-signature'), deps());
    return Response.json(result.body, { status: result.status });
  });
  return { ...server, webhookUrl: `${server.url}/api/webhooks/stripe` };
}

export interface StripeWithWebhooks {
  stripe: TestStripe;
  /** What the receiver handles deliveries with; tests may also call the handler with it directly. */
  webhookDeps: WebhookDeps;
  stop(): Promise<void>;
}

/** The simulator delivering its signed webhooks to our handler over HTTP, both on free ports. */
export async function startStripeWithWebhooks(
  db: Database,
  extra: (stripe: TestStripe) => Partial<WebhookDeps> = () => ({}),
): Promise<StripeWithWebhooks> {
  // The receiver must listen before the simulator knows where to deliver; its deps need the simulator.
  const ready: { deps?: WebhookDeps } = {};
  const receiver = await serveWebhooks(() => ready.deps!);
  const stripe = await startTestStripe(db, { webhookUrl: receiver.webhookUrl });
  const webhookDeps: WebhookDeps = {
    db,
    payments: stripe.payments,
    logger: captureLogger('silent').logger,
    webhookSecrets: [stripe.webhookSecret],
    ...extra(stripe),
  };
  ready.deps = webhookDeps;
  return {
    stripe,
    webhookDeps,
    stop: async () => {
      await stripe.stop();
      await receiver.close();
    },
  };
}
