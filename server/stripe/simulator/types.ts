import type Stripe from 'stripe';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface StripeSimulatorOptions {
  /** 0 = a free port; default 12111. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Where events are POSTed; null = no delivery. */
  webhookUrl?: string | null;
  /** whsec_… used to sign (Stripe-Signature: t=…,v1=…). */
  webhookSecret: string;
  /** Optional JSON file: loaded at start, saved on change (debounced) so a dev restart keeps state. */
  persistPath?: string;
  /** Real-time scheduler for objects not on a test clock (renewals, trial ends, retries); default 30000; 0 = off. */
  tickIntervalMs?: number;
  logger?: Logger;
  /** Failed-renewal retries: days between attempts (default [3, 5, 7]) and the end state (default 'cancel'). */
  dunning?: { retryDays?: number[]; finalAction?: 'cancel' | 'unpaid' };
  /** Events kept for `events.list`/`retrieve` (default 5000, the newest). */
  maxEvents?: number;
  /** Webhook retries on non-2xx: default 5 attempts, 100 ms doubling up to 2 s. */
  webhookRetry?: { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number };
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  attempt: number;
  /** HTTP status, or null when the connection failed. */
  status: number | null;
  /** Epoch milliseconds of the attempt's end. */
  at: number;
}

export interface WebhookControls {
  /** Test controls: deliver each event N extra times, shuffle queued deliveries, delay, or drop. */
  configure(opts: {
    duplicates?: number;
    shuffle?: boolean;
    delayMs?: number;
    drop?: (event: Stripe.Event) => boolean;
  }): void;
  reset(): void;
  /** Resolves when no delivery is pending or in retry. */
  settled(timeoutMs?: number): Promise<void>;
  deliveries(): ReadonlyArray<WebhookDelivery>;
  /** Hold deliveries (queue them) / release them. */
  pause(): void;
  resume(): void;
}

export interface StripeSimulator {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http';
  setWebhookUrl(url: string | null): void;
  webhooks: WebhookControls;
  stop(): Promise<void>;
}
