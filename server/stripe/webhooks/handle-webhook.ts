import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '@/db/client';
import { stripeEvents } from '@/db/schema';
import type { PaymentsGateway } from '../../billing/payments.port';
import type { Logger } from '../../observability/logger';
import { countWebhookEvent } from '../../observability/metrics';
import { isPermanentEventError, PermanentEventError } from '../mirror/errors';
import type { ApplyOutcome } from '../mirror/ordering';
import { EVENT_ROUTES, objectIdOf, snapshotFromPayload } from './apply-event';
import { verifyStripeEvent } from './verify';

export interface WebhookDeps {
  db: Database;
  payments: PaymentsGateway;
  logger: Logger;
  /** Every secret currently valid (several during a rotation). */
  webhookSecrets: string[];
  /** Work that must follow a committed event (e.g. adding overage to a renewal invoice); must be idempotent. */
  afterCommit?: (event: Stripe.Event) => Promise<void>;
}

export type WebhookResult = { status: number; body: Record<string, unknown> };

/** Thrown inside the transaction to roll it back when the object must be read from Stripe first. */
class NeedsTruth extends Error {}

/**
 * Stripe's webhook endpoint: verify on the raw body, record the event by id (a second delivery changes
 * nothing), apply it only if newer than the mirror, all in one transaction per event. A transient
 * failure answers 500 so Stripe retries; a permanent one is recorded as failed and answered 200.
 */
export async function handleStripeWebhook(
  rawBody: string,
  signature: string | null,
  deps: WebhookDeps,
): Promise<WebhookResult> {
  let event: Stripe.Event;
  try {
    event = verifyStripeEvent(rawBody, signature, deps.webhookSecrets);
  } catch (error) {
    if (error instanceof Error && error.name === 'WebhookSignatureError')
      return { status: 400, body: { error: error.message } };
    return { status: 400, body: { error: 'malformed event' } };
  }
  const log = deps.logger.child({ stripeEventId: event.id, eventType: event.type });
  try {
    const [seen] = await deps.db
      .select({ outcome: stripeEvents.outcome })
      .from(stripeEvents)
      .where(eq(stripeEvents.id, event.id));
    if (seen) {
      countWebhookEvent(event.type, 'duplicate');
      return { status: 200, body: { received: true, duplicate: true } };
    }
    let outcome = await processEvent(event, deps, null);
    if (outcome === 'needs-truth') outcome = await processEvent(event, deps, await readTruth(event, deps));
    if (outcome === 'duplicate') {
      countWebhookEvent(event.type, 'duplicate');
      return { status: 200, body: { received: true, duplicate: true } };
    }
    await runAfterCommit(event, deps);
    countWebhookEvent(event.type, outcome);
    log.info({ outcome }, 'stripe event handled');
    return { status: 200, body: { received: true, outcome } };
  } catch (error) {
    if (isPermanentEventError(error)) {
      await recordFailure(deps.db, event, error.message);
      countWebhookEvent(event.type, 'failed');
      log.error({ reason: error.message }, 'stripe event cannot be applied; recorded as failed');
      return { status: 200, body: { received: true, outcome: 'failed' } };
    }
    countWebhookEvent(event.type, 'retry');
    log.error({ err: error }, 'stripe event failed; Stripe will retry');
    return { status: 500, body: { error: 'temporary failure, retry later' } };
  }
}

type Processed = ApplyOutcome | 'ignored' | 'duplicate';

/** One transaction: claim the event id, apply the object, record the outcome. */
async function processEvent(event: Stripe.Event, deps: WebhookDeps, truth: unknown | null): Promise<Processed> {
  const route = EVENT_ROUTES[event.type];
  const snapshot = route ? (truth ?? snapshotFromPayload(route, event)) : null;
  try {
    return await deps.db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(stripeEvents)
        .values({
          id: event.id,
          type: event.type,
          apiVersion: event.api_version,
          objectId: objectIdOf(event),
          stripeCreatedAt: new Date(event.created * 1000),
          outcome: 'processing',
        })
        .onConflictDoNothing()
        .returning({ id: stripeEvents.id });
      if (!claimed) return 'duplicate';
      if (!route) {
        await finish(tx, event.id, 'ignored');
        return 'ignored';
      }
      const outcome = await route.apply(
        tx,
        snapshot as never,
        {
          actor: { type: 'stripe', id: event.id },
          stripeEventId: event.id,
          requestId: event.request?.id ?? null,
          eventAt: new Date(event.created * 1000),
          authoritative: truth !== null,
        },
        event,
      );
      if (outcome === 'needs-truth') throw new NeedsTruth();
      await finish(tx, event.id, outcome === 'stale' ? 'skipped' : 'processed');
      return outcome;
    });
  } catch (error) {
    if (error instanceof NeedsTruth) return 'needs-truth';
    throw error;
  }
}

async function readTruth(event: Stripe.Event, deps: WebhookDeps): Promise<unknown> {
  const route = EVENT_ROUTES[event.type]!;
  const id = objectIdOf(event);
  if (!id) throw new PermanentEventError('event object has no id');
  return route.load.fromStripe(deps.payments, id);
}

async function finish(db: Database, id: string, outcome: 'processed' | 'skipped' | 'ignored') {
  await db.update(stripeEvents).set({ outcome, processedAt: new Date() }).where(eq(stripeEvents.id, id));
}

async function recordFailure(db: Database, event: Stripe.Event, reason: string) {
  await db
    .insert(stripeEvents)
    .values({
      id: event.id,
      type: event.type,
      apiVersion: event.api_version,
      objectId: objectIdOf(event),
      stripeCreatedAt: new Date(event.created * 1000),
      outcome: 'failed',
      error: reason.slice(0, 500),
      processedAt: new Date(),
    })
    .onConflictDoUpdate({ target: stripeEvents.id, set: { outcome: 'failed', error: reason.slice(0, 500) } });
}

/** Follow-up work failed: forget the event so Stripe's retry runs it all again (both steps are idempotent). */
async function runAfterCommit(event: Stripe.Event, deps: WebhookDeps) {
  if (!deps.afterCommit) return;
  try {
    await deps.afterCommit(event);
  } catch (error) {
    await deps.db.delete(stripeEvents).where(eq(stripeEvents.id, event.id));
    throw error;
  }
}
