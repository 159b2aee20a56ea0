/**
 * bench/webhooks — 10,000 signed Stripe events (20% duplicates, 30% out of order) sent to the running
 * app's webhook endpoint, against a bare Node route that only verifies the signature, in the same run;
 * then the mirror is compared with the simulator, row by row (the difference must be 0).
 *
 *   npm run build && npm run bench:webhooks
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { billingCustomers, planPrices, subscriptions } from '../db/schema';
import { syncCatalogToStripe } from '../server/stripe/catalog-sync';
import { createStripeClient } from '../server/stripe/client';
import { startStripeSimulator } from '../server/stripe/simulator';
import { subscriptionSnapshot } from '../server/stripe/snapshots';
import { startApp } from './lib/app';
import { createBenchDatabase } from './lib/database';
import { machine, ratio, writeSection } from './lib/report';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 10_000);
const CONCURRENCY = 8;
const SECRET = 'whsec_bench_webhooks';

const db = await createBenchDatabase('billing_bench_webhooks');
const simulator = await startStripeSimulator({
  port: 0,
  webhookUrl: null,
  webhookSecret: SECRET,
  tickIntervalMs: 0,
  maxEvents: 100_000,
});
const stripe = createStripeClient('sk_test_bench', { host: simulator.host, port: simulator.port, protocol: 'http' });
await syncCatalogToStripe(db.handle.db, stripe);
const prices = await db.handle.db.select().from(planPrices).where(eq(planPrices.billingCycle, 'monthly'));

// Real objects and their events, made at the simulator; the app learns them only from the webhooks.
console.log('generating events at the simulator …');
const uniqueTarget = Math.round(TOTAL * 0.8);
let customers = 0;
async function lifecycle() {
  const org = `org_wh_${customers++}`;
  const customer = await stripe.customers.create({ metadata: { organization_id: org } });
  await db.handle.db.insert(billingCustomers).values({ organizationId: org, stripeCustomerId: customer.id });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const sub = await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: prices[0]!.stripePriceId! }],
    metadata: { organization_id: org },
  });
  await stripe.subscriptions.update(sub.id, {
    items: [{ id: sub.items.data[0]!.id, price: prices[1]!.stripePriceId! }],
    proration_behavior: 'always_invoice',
  });
  await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
  if (customers % 2) await stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
}
async function countEvents(): Promise<number> {
  let n = 0;
  for await (const _ of stripe.events.list({ limit: 100 })) n++;
  return n;
}
// Lifecycles until the simulator holds enough events: counted every 10 lifecycles while far from the target
// (listing is not free), then after each one, so the duplicates come out at 20% of the deliveries.
let made = await countEvents();
const startedWith = made;
while (made - startedWith < uniqueTarget) {
  const batch = uniqueTarget - (made - startedWith) > 500 ? 10 : 1;
  for (let i = 0; i < batch; i++) await lifecycle();
  made = await countEvents();
}
const unique: Stripe.Event[] = [];
for await (const event of stripe.events.list({ limit: 100 })) unique.push(event);
unique.reverse();

// 20% duplicates, then 30% of positions swapped with a random other one.
const deliveries = [...unique];
while (deliveries.length < TOTAL) deliveries.push(unique[Math.floor(Math.random() * unique.length)]!);
for (let i = 0; i < Math.round(deliveries.length * 0.3); i++) {
  const a = Math.floor(Math.random() * deliveries.length);
  const b = Math.floor(Math.random() * deliveries.length);
  [deliveries[a], deliveries[b]] = [deliveries[b]!, deliveries[a]!];
}
const payloads = deliveries.map((e) => JSON.stringify(e));

async function send(url: string): Promise<{ rate: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < payloads.length) {
        const payload = payloads[next++]!;
        const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
        let status = 0;
        // Stripe retries anything but 2xx; so does this sender, a few times.
        for (let attempt = 0; attempt < 5 && status !== 200; attempt++) {
          status = (
            await fetch(url, {
              method: 'POST',
              headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
              body: payload,
            })
          ).status;
        }
        if (status !== 200) failures++;
      }
    }),
  );
  return { rate: Math.round(payloads.length / ((performance.now() - started) / 1000)), failures };
}

// The bare route: verify the signature, answer 200.
const verifier = new Stripe('sk_test_verify_only');
const bare = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      verifier.webhooks.constructEvent(
        Buffer.concat(chunks).toString(),
        String(req.headers['stripe-signature']),
        SECRET,
      );
      res.writeHead(200).end('{"received":true}');
    } catch {
      res.writeHead(400).end();
    }
  });
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const baseline = await send(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`);

const app = await startApp(Number(process.env.BENCH_PORT ?? 3410), {
  DATABASE_URL: db.url,
  STRIPE_SECRET_KEY: 'sk_test_bench',
  STRIPE_API_URL: simulator.url,
  STRIPE_WEBHOOK_SECRET: SECRET,
  BILLING_TEST_MODE: '1',
  LOG_LEVEL: 'warn',
  RECONCILE_INTERVAL_MINUTES: '0',
  RATE_LIMIT_WRITE_PER_MINUTE: '1000000',
});
const rssBefore = app.rssMiB();
const measured = await send(`${app.url}/api/webhooks/stripe`);
const rssAfter = app.rssMiB();

// The mirror against the simulator, field by field.
let differing = 0;
const rows = await db.handle.db.select().from(subscriptions);
for await (const sub of stripe.subscriptions.list({ status: 'all', limit: 100 })) {
  const truth = subscriptionSnapshot(sub);
  const row = rows.find((r) => r.stripeSubscriptionId === sub.id);
  const price = prices.find((p) => p.stripePriceId === truth.priceId);
  const same =
    row &&
    row.status === truth.status &&
    row.planId === price?.planId &&
    row.cancelAtPeriodEnd === truth.cancelAtPeriodEnd &&
    row.currentPeriodEnd?.getTime() === truth.currentPeriodEnd?.getTime();
  if (!same) {
    differing++;
    if (differing <= 5) console.error('subscription differs', sub.id, { truth, row, planOfPrice: price?.planId });
  }
}
for await (const invoice of stripe.invoices.list({ limit: 100 })) {
  const [row] = await db.handle.db.query.invoices.findMany({
    where: (i, { eq: is }) => is(i.stripeInvoiceId, invoice.id!),
  });
  if (!row || row.status !== invoice.status || row.amountPaid !== invoice.amount_paid || row.total !== invoice.total)
    differing++;
}

const table = `Machine: ${machine()}

| measure | result |
| --- | --- |
| events sent (duplicates, 30% out of order) | ${payloads.length.toLocaleString('en-US')}: ${unique.length.toLocaleString('en-US')} unique from ${customers} customers' lifecycles, ${Math.round(((payloads.length - unique.length) / payloads.length) * 100)}% duplicates |
| app's /api/webhooks/stripe | ${measured.rate.toLocaleString('en-US')} events/s (${measured.failures} never acknowledged) |
| bare Node route, signature check only (same run) | ${baseline.rate.toLocaleString('en-US')} events/s |
| ratio | **${ratio(measured.rate, baseline.rate)}** |
| mirror rows differing from the simulator afterwards | **${differing}** (must be 0) |

App memory (RSS): ${rssBefore} MiB before, ${rssAfter} MiB after the benchmark.`;
console.log(table);
writeSection('bench/webhooks', table);

bare.close();
await app.stop();
await simulator.stop();
await db.drop();
process.exit(differing === 0 ? 0 : 1);
