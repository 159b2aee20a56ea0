import { getRuntime } from '@/server/runtime';
import { webhookFollowUps } from '@/server/stripe/webhooks/follow-ups';
import { handleStripeWebhook } from '@/server/stripe/webhooks/handle-webhook';

export const dynamic = 'force-dynamic';
// Signature verification needs Node's crypto and the body exactly as sent.
export const runtime = 'nodejs';

export async function POST(request: Request): Promise<Response> {
  const rawBody = await request.text();
  const app = await getRuntime();
  const result = await handleStripeWebhook(rawBody, request.headers.get('stripe-signature'), {
    db: app.db,
    payments: app.payments,
    logger: app.logger,
    webhookSecrets: app.paymentsRuntime.webhookSecrets,
    afterCommit: webhookFollowUps(app),
  });
  return Response.json(result.body, { status: result.status });
}
