import { StripeApiError } from './http/errors';
import { createCtx, type Ctx, type RequestInfo, type SimConfig } from './state/context';
import type { StripeEvent } from './state/objects';
import type { Store } from './state/store';
import { Tx } from './state/tx';

/** The simulator's state machine: every change, from a request or the scheduler, runs through `transact`. */
export class Engine {
  constructor(
    readonly store: Store,
    readonly config: SimConfig,
    private readonly publish: (events: StripeEvent[]) => void,
  ) {}

  /**
   * Runs `fn` in a fresh transaction and commits it. A throw discards everything, unless it is a
   * Stripe error that asks to keep the changes (a declined payment is still a recorded attempt).
   */
  transact<T>(request: RequestInfo, fn: (ctx: Ctx) => T): { result: T; events: StripeEvent[] } {
    const ctx = createCtx(new Tx(this.store), this.config, request);
    try {
      const result = fn(ctx);
      return { result, events: this.commit(ctx) };
    } catch (error) {
      if (error instanceof StripeApiError && error.options.commit) this.commit(ctx);
      throw error;
    }
  }

  /** Reads the committed state through a transaction that is never committed. */
  peek<T>(fn: (ctx: Ctx) => T): T {
    return fn(createCtx(new Tx(this.store), this.config));
  }

  private commit(ctx: Ctx): StripeEvent[] {
    const events = ctx.tx.commit();
    this.publish(events);
    return events;
  }
}
