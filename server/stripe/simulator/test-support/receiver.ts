import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface Delivery {
  event: Stripe.Event;
  /** The raw `Stripe-Signature` header, verified with `stripe.webhooks.constructEvent`. */
  signature: string;
}

/**
 * A tiny webhook endpoint for tests: verifies each delivery's signature with the real SDK (a bad
 * one gets 400 and is recorded as rejected) and answers 200, or what `respond` says.
 */
export async function startReceiver(secret: string) {
  const deliveries: Delivery[] = [];
  const rejected: string[] = [];
  let respond: (event: Stripe.Event) => number | Promise<number> = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['stripe-signature'] ?? '');
      let event: Stripe.Event;
      try {
        event = Stripe.webhooks.constructEvent(raw, signature, secret);
      } catch (error) {
        rejected.push(String(error));
        res.writeHead(400).end();
        return;
      }
      void Promise.resolve(respond(event)).then((status) => {
        if (status >= 200 && status < 300) deliveries.push({ event, signature });
        res.writeHead(status).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    deliveries,
    rejected,
    /** Accepted events, in arrival order. */
    events: () => deliveries.map((d) => d.event),
    types: () => deliveries.map((d) => d.event.type),
    respondWith(fn: (event: Stripe.Event) => number | Promise<number>) {
      respond = fn;
    },
    clear() {
      deliveries.length = 0;
      rejected.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
