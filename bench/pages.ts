/**
 * bench/pages — server render time (p50/p95 after warm-up) and first-load JavaScript (gzipped) of every
 * portal page, signed in as a demo billing admin, against the production build; Next's own floor
 * (GET /health) is measured in the same run. Budgets: p95 < 200 ms, first-load JS < 200 kB gzipped.
 *
 *   npm run build && npm run bench:pages
 */
import { gzipSync } from 'node:zlib';
import { startApp } from './lib/app';
import { createBenchDatabase } from './lib/database';
import { machine, writeSection } from './lib/report';

const PAGES = [
  '/pricing',
  '/sign-in',
  '/billing',
  '/billing/plans',
  '/billing/payment-methods',
  '/billing/invoices',
  '/billing/usage',
  '/billing/api-keys',
  '/billing/audit',
  '/billing/settings',
  '/docs/api',
];
const ADMIN_PAGES = ['/admin', '/admin/plans', '/admin/promo-codes'];
const WARMUP = 20;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);

const db = await createBenchDatabase('billing_bench_pages');
const app = await startApp(Number(process.env.BENCH_PORT ?? 3420), {
  DATABASE_URL: db.url,
  BILLING_TEST_MODE: '1',
  STRIPE_SIM_PORT: '0',
  LOG_LEVEL: 'warn',
  RECONCILE_INTERVAL_MINUTES: '0',
  RATE_LIMIT_READ_PER_MINUTE: '1000000',
  RATE_LIMIT_WRITE_PER_MINUTE: '1000000',
});

async function signIn(userId: string, orgId: string): Promise<string> {
  const response = await fetch(`${app.url}/api/local-auth/sign-in`, {
    method: 'POST',
    body: new URLSearchParams({ userId, orgId }),
    redirect: 'manual',
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timePage(path: string, cookie: string) {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual' });
    const html = await response.text();
    return { ms: performance.now() - started, status: response.status, html };
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const samples: number[] = [];
  let last = await once();
  for (let i = 0; i < SAMPLES; i++) {
    last = await once();
    samples.push(last.ms);
  }
  samples.sort((a, b) => a - b);
  return { status: last.status, p50: percentile(samples, 50), p95: percentile(samples, 95), html: last.html };
}

/** The scripts a first visit loads, gzipped as a server would send them. */
async function firstLoadJs(html: string): Promise<number> {
  const sources = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  let bytes = 0;
  for (const src of new Set(sources)) {
    const body = Buffer.from(await (await fetch(new URL(src, app.url))).arrayBuffer());
    bytes += gzipSync(body).length;
  }
  return bytes;
}

const admin = await signIn('user_demo_alice', 'org_demo_acme');
const platform = await signIn('user_demo_petra', 'org_demo_platform');
const floor = await timePage('/health', '');
const rows: string[] = [];
let over = 0;
for (const [path, cookie] of [
  ...PAGES.map((p) => [p, admin] as const),
  ...ADMIN_PAGES.map((p) => [p, platform] as const),
]) {
  const result = await timePage(path, cookie);
  if (result.status !== 200) {
    rows.push(`| ${path} | HTTP ${result.status} | | | |`);
    continue;
  }
  const js = await firstLoadJs(result.html);
  const ok = result.p95 < 200 && js < 200 * 1024;
  if (!ok) over++;
  rows.push(
    `| ${path} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${(js / 1024).toFixed(1)} | ${ok ? 'yes' : '**no**'} |`,
  );
}
const rss = app.rssMiB();

const table = `Machine: ${machine()}. ${SAMPLES} sequential requests per page after ${WARMUP} warm-up requests, signed in.

| page | SSR p50 (ms) | SSR p95 (ms) | first-load JS (kB gzipped) | within budget |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

Next's floor in the same run (GET /health): p50 ${floor.p50.toFixed(1)} ms, p95 ${floor.p95.toFixed(1)} ms.
App memory (RSS) after the benchmark: ${rss} MiB. Pages over budget: ${over}.`;
console.log(table);
writeSection('bench/pages', table);
await app.stop();
await db.drop();
process.exit(0);
