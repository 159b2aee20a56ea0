import { handleStripeWebhook, type WebhookDeps } from '../server/stripe/webhooks/handle-webhook';
import { serveFetchHandler, type TestServer } from './http-server';

/** Our webhook handler on a free port, for the simulator to deliver to over real HTTP. */
export async function serveWebhooks(deps: () => WebhookDeps): Promise<TestServer & { webhookUrl: string }> {
  const server = await serveFetchHandler(async (request) => {
    const result = await handleStripeWebhook(await request.text(), request.headers.get('stripe-signature'), deps());
    return Response.json(result.body, { status: result.status });
  });
  return { ...server, webhookUrl: `${server.url}/api/webhooks/stripe` };
}
