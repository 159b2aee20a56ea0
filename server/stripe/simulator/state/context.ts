import type { Tx } from './tx';

export interface DunningConfig {
  /** Days after each failed renewal attempt before the next one (Stripe's default schedule is similar). */
  retryDays: number[];
  /** What happens to the subscription when the last retry fails. */
  finalAction: 'cancel' | 'unpaid';
}

export interface SimConfig {
  dunning: DunningConfig;
  /** Whether events will be delivered somewhere (sets `pending_webhooks`). */
  webhooksEnabled(): boolean;
  /** The simulator's own origin, for hosted invoice pages and PDFs. */
  baseUrl(): string;
}

export interface RequestInfo {
  id: string | null;
  idempotency_key: string | null;
}

/** What a handler or scheduled step works with. */
export interface Ctx {
  readonly tx: Tx;
  readonly config: SimConfig;
  /** `{ id: null, idempotency_key: null }` for automatic changes (renewals, retries), as Stripe sends. */
  readonly request: RequestInfo;
  /**
   * Subscriptions whose changes an enclosing event already announces: one being created (its
   * `created` event shows the final state) or one inside an update that emits a single `updated`.
   */
  readonly announcing: Set<string>;
  /** Test tokens (`pm_card_visa`) already turned into a payment method in this request. */
  readonly tokens: Map<string, string>;
  /** A preview runs the real code in a scratch transaction and must not collect money. */
  readonly preview: boolean;
  now(clock: string | null): number;
}

export const AUTOMATIC: RequestInfo = { id: null, idempotency_key: null };

export function realNow(): number {
  return Math.floor(Date.now() / 1000);
}

export function createCtx(tx: Tx, config: SimConfig, request: RequestInfo = AUTOMATIC, preview = false): Ctx {
  return {
    tx,
    config,
    request,
    announcing: new Set(),
    tokens: new Map(),
    preview,
    now(clock) {
      if (!clock) return realNow();
      return tx.get('test_clock', clock)?.frozen_time ?? realNow();
    },
  };
}

/** The same request, over a scratch transaction whose changes and events are discarded. */
export function previewCtx(ctx: Ctx): Ctx {
  return createCtx(ctx.tx.scratch(), ctx.config, ctx.request, true);
}
