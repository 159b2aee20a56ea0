import { dueTasks } from './billing/due-tasks';
import type { Engine } from './engine';
import { AUTOMATIC, realNow } from './state/context';
import { emit } from './state/events';
import type { Logger } from './types';
import type { WebhookDispatcher } from './webhooks/dispatcher';

const MAX_STEPS = 10_000;
/** How long a renewal waits for its `invoice.created` webhook to be acknowledged before going on. */
const INVOICE_CREATED_WAIT_MS = 5_000;

/**
 * Makes time pass: for a test clock when it is advanced, and for everything else on a real-time
 * tick. Due work runs in time order, one transaction per step, each at its own moment (a clock's
 * `frozen_time` steps through them), so events carry the times they would have at Stripe.
 */
export class Scheduler {
  private readonly busy = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly webhooks: WebhookDispatcher,
    private readonly logger: Logger,
  ) {}

  start(intervalMs: number): void {
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => void this.run(null, realNow()), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Advances a test clock to `target` (its status is already `advancing`), then marks it `ready`. */
  async advanceClock(clockId: string, target: number): Promise<void> {
    await this.run(clockId, target);
    if (this.stopped) return;
    this.engine.transact(AUTOMATIC, (ctx) => {
      const clock = ctx.tx.get('test_clock', clockId);
      if (!clock) return;
      clock.frozen_time = target;
      clock.status = 'ready';
      clock.status_details = {};
      emit(ctx, 'test_helpers.test_clock.ready', clock);
    });
  }

  /** Runs everything due on `clock` (null: real time) up to `until`, in order. */
  async run(clock: string | null, until: number): Promise<void> {
    const scope = clock ?? '';
    if (this.busy.has(scope)) return;
    this.busy.add(scope);
    const done = new Set<string>();
    try {
      for (let step = 0; step < MAX_STEPS && !this.stopped; step++) {
        const task = this.engine.peek((ctx) =>
          dueTasks(ctx, clock).find((t) => t.at <= until && !done.has(`${t.key}@${t.at}`)),
        );
        if (!task) return;
        done.add(`${task.key}@${task.at}`);
        const events = this.step(clock, task.at, (ctx) => task.run(ctx), task.key);
        const created = events.find((event) => event.type === 'invoice.created');
        // Stripe waits for `invoice.created` webhooks before finalizing, so a handler can still add items.
        if (created) await this.webhooks.awaitDelivery(created.id, INVOICE_CREATED_WAIT_MS);
      }
      if (!this.stopped) this.logger.warn({ clock, until }, 'stripe simulator scheduler stopped after too many steps');
    } finally {
      this.busy.delete(scope);
    }
  }

  private step(clock: string | null, at: number, run: Parameters<Engine['transact']>[1], key: string) {
    try {
      return this.engine.transact(AUTOMATIC, (ctx) => {
        const testClock = clock ? ctx.tx.get('test_clock', clock) : undefined;
        if (testClock && testClock.frozen_time < at) testClock.frozen_time = at;
        return run(ctx);
      }).events;
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error), task: key },
        'stripe simulator scheduled step failed',
      );
      return [];
    }
  }
}
