import { request } from 'node:http';
import type Stripe from 'stripe';
import type { Logger, WebhookControls, WebhookDelivery } from '../types';
import type { StripeEvent } from '../state/objects';
import { signatureHeader } from './signature';

export interface RetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

interface Job {
  event: StripeEvent;
  payload: string;
  attempt: number;
  notBefore: number;
}

interface TestControls {
  duplicates: number;
  shuffle: boolean;
  delayMs: number;
  drop?: (event: Stripe.Event) => boolean;
}

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_REMEMBERED = 10_000;

/**
 * Delivers events to the webhook URL as Stripe does: signed, at least once, retried with
 * exponential backoff on anything but 2xx. One delivery is in flight at a time so that, unless a
 * test asks for shuffling, events arrive in the order they happened.
 */
export class WebhookDispatcher implements WebhookControls {
  private queue: Job[] = [];
  private inFlight = false;
  private paused = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private controls: TestControls = { duplicates: 0, shuffle: false, delayMs: 0 };
  private log: WebhookDelivery[] = [];
  /** Events whose delivery is over (succeeded, gave up or dropped), and who waits for which. */
  private readonly finished = new Set<string>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private idleWaiters: Array<() => void> = [];

  constructor(
    private url: string | null,
    private readonly secret: string,
    private readonly retry: RetryPolicy,
    private readonly logger: Logger,
    private readonly onDelivered: (eventId: string) => void,
  ) {}

  get enabled(): boolean {
    return this.url !== null;
  }

  setUrl(url: string | null): void {
    this.url = url;
    // Without an endpoint there is nobody to deliver to: what was queued is dropped, as at Stripe.
    if (url === null) this.dropQueue();
    this.pump();
  }

  enqueue(event: StripeEvent): void {
    if (!this.url || this.stopped) return this.finish(event.id);
    if (this.controls.drop?.(event as unknown as Stripe.Event)) {
      this.logger.info({ eventId: event.id, type: event.type }, 'webhook dropped by test control');
      return this.finish(event.id);
    }
    const payload = JSON.stringify(event, null, 2);
    const notBefore = Date.now() + this.controls.delayMs;
    for (let copy = 0; copy <= this.controls.duplicates; copy++)
      this.queue.push({ event, payload, attempt: 1, notBefore });
    this.pump();
  }

  configure(opts: Partial<TestControls>): void {
    this.controls = { ...this.controls, ...opts };
  }

  reset(): void {
    this.controls = { duplicates: 0, shuffle: false, delayMs: 0 };
    this.log = [];
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  deliveries(): ReadonlyArray<WebhookDelivery> {
    return [...this.log];
  }

  settled(timeoutMs = 10_000): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
        reject(new Error(`webhook deliveries not settled after ${timeoutMs} ms (${this.queue.length} queued)`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timeout);
        resolve();
      };
      this.idleWaiters.push(done);
    });
  }

  /**
   * Resolves once `eventId` has been delivered or given up on, or at once if nothing can deliver it
   * now (no URL, paused). Stripe waits for `invoice.created` webhooks before finalizing a renewal.
   */
  awaitDelivery(eventId: string, timeoutMs: number): Promise<void> {
    if (this.finished.has(eventId) || !this.url || this.paused || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timeout = setTimeout(resolve, timeoutMs);
      const list = this.waiters.get(eventId) ?? [];
      list.push(() => {
        clearTimeout(timeout);
        resolve();
      });
      this.waiters.set(eventId, list);
    });
  }

  stop(): void {
    this.stopped = true;
    this.dropQueue();
    for (const id of [...this.waiters.keys()]) this.finish(id);
  }

  private dropQueue(): void {
    clearTimeout(this.timer);
    for (const job of this.queue) this.finish(job.event.id);
    this.queue = [];
    if (!this.inFlight) this.notifyIdle();
  }

  private idle(): boolean {
    return this.queue.length === 0 && !this.inFlight;
  }

  private pump(): void {
    if (this.inFlight || this.paused || this.stopped || !this.url) return;
    clearTimeout(this.timer);
    const now = Date.now();
    const ready = this.queue.filter((job) => job.notBefore <= now);
    if (ready.length === 0) {
      if (this.queue.length === 0) return this.notifyIdle();
      const wait = Math.min(...this.queue.map((job) => job.notBefore)) - now;
      this.timer = setTimeout(() => this.pump(), wait);
      return;
    }
    const job = this.controls.shuffle ? ready[Math.floor(Math.random() * ready.length)] : ready[0];
    if (!job) return;
    this.queue.splice(this.queue.indexOf(job), 1);
    this.inFlight = true;
    void this.send(this.url, job).then((status) => {
      this.inFlight = false;
      this.afterAttempt(job, status);
      this.pump();
    });
  }

  private afterAttempt(job: Job, status: number | null): void {
    this.log.push({ eventId: job.event.id, type: job.event.type, attempt: job.attempt, status, at: Date.now() });
    if (status !== null && status >= 200 && status < 300) {
      this.onDelivered(job.event.id);
      return this.finish(job.event.id);
    }
    if (job.attempt >= this.retry.maxAttempts || !this.url || this.stopped) {
      this.logger.warn({ eventId: job.event.id, type: job.event.type, status }, 'webhook delivery failed; giving up');
      return this.finish(job.event.id);
    }
    const backoff = Math.min(this.retry.initialDelayMs * 2 ** (job.attempt - 1), this.retry.maxDelayMs);
    this.queue.push({ ...job, attempt: job.attempt + 1, notBefore: Date.now() + backoff });
  }

  private finish(eventId: string): void {
    this.finished.add(eventId);
    // Only recent events are ever awaited; a long-running dev simulator forgets the oldest.
    if (this.finished.size > MAX_REMEMBERED) {
      for (const id of [...this.finished].slice(0, MAX_REMEMBERED / 2)) this.finished.delete(id);
    }
    for (const wake of this.waiters.get(eventId) ?? []) wake();
    this.waiters.delete(eventId);
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private send(url: string, job: Job): Promise<number | null> {
    return new Promise((resolve) => {
      const body = Buffer.from(job.payload, 'utf8');
      const req = request(url, {
        method: 'POST',
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': body.length,
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': signatureHeader(job.payload, this.secret),
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? null));
        res.on('error', () => resolve(null));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve(null));
      req.end(body);
    });
  }
}
