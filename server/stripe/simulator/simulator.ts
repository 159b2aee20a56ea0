import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Engine } from './engine';
import { Router } from './http/router';
import { createRequestHandler } from './http/server';
import { allRoutes } from './resources';
import { Scheduler } from './scheduler';
import type { SimConfig } from './state/context';
import { Persister, loadState } from './state/persistence';
import { Store } from './state/store';
import type { Logger, StripeSimulator, StripeSimulatorOptions, WebhookControls } from './types';
import { WebhookDispatcher } from './webhooks/dispatcher';

const DEFAULT_PORT = 12111;
const DEFAULT_TICK_MS = 30_000;

const quietLogger: Logger = {
  info: () => undefined,
  warn: (obj, msg) => console.warn(`[stripe-simulator] ${msg ?? ''}`, obj),
};

/** Starts the local Stripe: an HTTP server the real `stripe` SDK talks to, and a webhook sender. */
export async function startStripeSimulator(opts: StripeSimulatorOptions): Promise<StripeSimulator> {
  const logger = opts.logger ?? quietLogger;
  const host = opts.host ?? '127.0.0.1';
  const store = new Store(opts.persistPath ? loadState(opts.persistPath, logger) : undefined, opts.maxEvents);
  const persister = opts.persistPath ? new Persister(opts.persistPath, store, logger) : undefined;
  let baseUrl = '';

  const dispatcher = new WebhookDispatcher(
    opts.webhookUrl ?? null,
    opts.webhookSecret,
    {
      maxAttempts: opts.webhookRetry?.maxAttempts ?? 5,
      initialDelayMs: opts.webhookRetry?.initialDelayMs ?? 100,
      maxDelayMs: opts.webhookRetry?.maxDelayMs ?? 2_000,
    },
    logger,
    (eventId) => {
      const event = store.table('event')[eventId];
      if (event && event.pending_webhooks > 0) {
        event.pending_webhooks = 0;
        store.changed();
      }
    },
  );
  const config: SimConfig = {
    dunning: { retryDays: opts.dunning?.retryDays ?? [3, 5, 7], finalAction: opts.dunning?.finalAction ?? 'cancel' },
    webhooksEnabled: () => dispatcher.enabled,
    baseUrl: () => baseUrl,
  };
  const engine = new Engine(store, config, (events) => events.forEach((event) => dispatcher.enqueue(event)));
  const scheduler = new Scheduler(engine, dispatcher, logger);
  const router = new Router(allRoutes((clockId, target) => void scheduler.advanceClock(clockId, target)));
  const handle = createRequestHandler(engine, router, logger);
  const server = createServer((req, res) => void handle(req, res));
  const port = await listen(server, opts.port ?? DEFAULT_PORT, host);
  baseUrl = `http://${host}:${port}`;
  scheduler.start(opts.tickIntervalMs ?? DEFAULT_TICK_MS);
  logger.info({ url: baseUrl, webhookUrl: opts.webhookUrl ?? null }, 'stripe simulator listening');

  const webhooks: WebhookControls = {
    configure: (o) => dispatcher.configure(o),
    reset: () => dispatcher.reset(),
    settled: (timeoutMs) => dispatcher.settled(timeoutMs),
    deliveries: () => dispatcher.deliveries(),
    pause: () => dispatcher.pause(),
    resume: () => dispatcher.resume(),
  };
  return {
    url: baseUrl,
    host,
    port,
    protocol: 'http',
    webhooks,
    setWebhookUrl: (url) => dispatcher.setUrl(url),
    async stop() {
      scheduler.stop();
      dispatcher.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await persister?.flush();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
