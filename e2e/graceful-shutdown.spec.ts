import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3107) + 2;

test('the standalone server drains on SIGTERM: no request of a running stream fails, and it exits 0', async ({
  request,
}) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'billing-e2e-stop-'));
  const server = spawn('node', [path.resolve('.next/standalone/server.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BILLING_TEST_MODE: '1',
      PORT: String(port),
      HOSTNAME: '0.0.0.0',
      LOG_LEVEL: 'info',
      PGLITE_DIR: path.join(dir, 'pglite'),
      LOCAL_AUTH_DIR: path.join(dir, 'local-auth'),
      STRIPE_SIM_PORT: '0',
      STRIPE_SIM_STATE: path.join(dir, 'stripe-sim.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  try {
    const base = `http://127.0.0.1:${port}`;
    await expect
      .poll(
        () =>
          request.get(`${base}/health`).then(
            (r) => r.status(),
            () => 0,
          ),
        { timeout: 60_000 },
      )
      .toBe(200);
    let stopped = false;
    const statuses: Array<number | string> = [];
    // Four callers keep requesting pages and API calls until the instance leaves rotation.
    const stream = Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        while (!stopped) {
          const url = i % 2 ? `${base}/api/trpc/plans.list` : `${base}/pricing`;
          statuses.push(
            await fetch(url).then(
              (r) => r.text().then(() => r.status),
              (e: Error) => `failed: ${e.message}`,
            ),
          );
        }
      }),
    );
    await expect.poll(() => statuses.length, { timeout: 30_000 }).toBeGreaterThan(12);
    stopped = true;
    server.kill('SIGTERM');
    await stream;
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down: draining requests');
    expect(output).toContain('shutdown complete: database and Redis closed');
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
