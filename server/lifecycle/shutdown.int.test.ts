import { afterAll, describe, expect, it } from 'vitest';
import { captureLogger } from '@/test/deps';
import { uniqueKeyPrefix } from '@/test/redis';
import { spawnApp, type AppProcess } from '@/test/spawn-app';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { shutDown, trackRequests, type RequestTracker } from './shutdown';

let started: AppProcess | undefined;
afterAll(() => started?.cleanup());

describe('SIGTERM during a stream of requests', () => {
  it('stops taking work, lets every request in flight finish, closes the pools and exits 0', async () => {
    const app = (started = await spawnApp({
      SHUTDOWN_TIMEOUT_MS: '15000',
      RATE_LIMIT_READ_PER_MINUTE: '100000',
      REDIS_KEY_PREFIX: uniqueKeyPrefix('shutdown'),
    }));
    let signalled = false;
    const results: Array<number | string> = [];
    const send = (url: string) =>
      fetch(url).then(
        async (r) => (await r.text(), r.status),
        (e: Error) => `failed: ${e.message} ${String((e.cause as Error | undefined)?.message)}`,
      );
    // Requests held open across the signal: they must still be answered.
    const slow = Array.from({ length: 3 }, () => send(`${app.url}/slow?ms=8000`));
    // A steady stream from four callers that stop sending once the instance leaves rotation.
    const stream = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!signalled) results.push(await send(`${app.url}/api/trpc/plans.list`));
      }),
    );
    await expect.poll(() => app.output().split('slow request started').length - 1, { timeout: 20_000 }).toBe(3);
    await expect.poll(() => results.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
    expect((await fetch(`${app.url}/ready`)).status).toBe(200);
    signalled = true;
    app.child.kill('SIGTERM');
    await stream;
    // The slow requests keep the instance draining: it answers, but says it is not ready for more.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ready = await fetch(`${app.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
    const statuses = [...results, ...(await Promise.all(slow))];
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(await app.exited).toBe(0);
    const log = app.output();
    expect(log).toMatch(/"inFlight":[1-9]\d*.*shutting down: draining requests/);
    expect(log).toContain('shutdown complete: database and Redis closed');
  }, 90_000);
});

describe('shutDown', () => {
  it('turns readiness off first, and gives up on requests at the timeout, still exiting 0', async () => {
    const steps: string[] = [];
    const server = {
      close: () => steps.push('stop accepting'),
      closeAllConnections: () => steps.push('cut connections'),
    };
    const tracker: RequestTracker = {
      inFlight: () => 2,
      servers: () => [server as never],
      beginDraining: () => steps.push('connection: close'),
      settled: () => new Promise(() => {}),
    };
    const { logger, lines } = captureLogger('info');
    await shutDown({
      tracker,
      logger,
      beginDraining: () => steps.push('ready -> 503'),
      closeResources: async () => {
        steps.push('close pools');
      },
      timeoutMs: 50,
      exit: (code) => steps.push(`exit ${code}`),
    });
    expect(steps).toEqual([
      'ready -> 503',
      'connection: close',
      'stop accepting',
      'cut connections',
      'close pools',
      'exit 0',
    ]);
    expect(lines().map((l) => l.msg)).toContain('shutdown timeout reached: closing remaining requests');
  });
});

describe('trackRequests', () => {
  it('counts requests in flight on the app’s server only, and asks clients to close once draining', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = createServer((_req, res) => void held.then(() => res.end('ok')));
    const other = createServer((_req, res) => res.end('other'));
    await Promise.all([server, other].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
    const url = (s: typeof server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    const tracker = trackRequests((s) => s === server);
    try {
      tracker.beginDraining();
      const pending = fetch(url(server));
      await fetch(url(other));
      await expect.poll(() => tracker.inFlight()).toBe(1);
      expect(tracker.servers()).toEqual([server]);
      let settled = false;
      void tracker.settled(50).then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(settled).toBe(false);
      release();
      const response = await pending;
      expect(response.headers.get('connection')).toBe('close');
      await expect.poll(() => settled).toBe(true);
      expect(tracker.inFlight()).toBe(0);
    } finally {
      release();
      server.closeAllConnections();
      other.closeAllConnections();
      await Promise.all([server, other].map((s) => new Promise((resolve) => s.close(resolve))));
    }
  });
});
