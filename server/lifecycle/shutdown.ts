import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from '../observability/logger';

interface RequestStart {
  request: IncomingMessage;
  response: ServerResponse;
  server: Server;
}

/** Requests being served by the app's HTTP server(s), seen through Node's own diagnostics channel. */
export interface RequestTracker {
  inFlight(): number;
  servers(): Server[];
  /** From now on each response asks the client to close its connection instead of reusing it. */
  beginDraining(): void;
  /** Resolves once no request is in flight and none has started for `quietMs`. */
  settled(quietMs: number): Promise<void>;
}

/**
 * Watches every request the process serves, whichever framework owns the server (Next's, or a test's):
 * Node publishes each one on `http.server.request.start`. `isAppServer` leaves out servers that are not
 * the app's, such as the embedded Stripe simulator, which must keep answering while the app drains.
 */
export function trackRequests(isAppServer: (server: Server) => boolean): RequestTracker {
  let inFlight = 0;
  let lastStart = 0;
  let draining = false;
  const servers = new Set<Server>();
  // Asked once per server, not per request: the answer does not change, and asking may be a syscall.
  const verdicts = new WeakMap<Server, boolean>();
  const isApp = (server: Server) => {
    let verdict = verdicts.get(server);
    if (verdict === undefined) verdicts.set(server, (verdict = isAppServer(server)));
    return verdict;
  };
  subscribe('http.server.request.start', (message) => {
    const { response, server } = message as RequestStart;
    if (!isApp(server)) return;
    servers.add(server);
    inFlight += 1;
    lastStart = performance.now();
    // Keep-alive sockets are closed by us after their last response, never under a request in transit.
    if (draining) response.setHeader('connection', 'close');
    // 'close' fires when the response is sent and also when the client goes away: no request is lost count of.
    response.once('close', () => {
      inFlight -= 1;
    });
  });
  return {
    inFlight: () => inFlight,
    servers: () => [...servers],
    beginDraining: () => {
      draining = true;
    },
    settled: async (quietMs) => {
      while (inFlight > 0 || performance.now() - lastStart < quietMs) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

export interface ShutdownOptions {
  tracker: RequestTracker;
  logger: Logger;
  /** Turns readiness to 503 (runtime.draining). */
  beginDraining: () => void;
  /** Closes the database pool, Redis and the rest of the runtime. */
  closeResources: () => Promise<void>;
  timeoutMs: number;
  exit: (code: number) => void;
}

/** How long no new request must arrive before the servers close: the load balancer has moved on. */
export const QUIET_MS = 300;

/**
 * Graceful stop: readiness turns 503, so the load balancer stops sending work; requests already sent
 * are still served (refusing connections now would fail the ones in transit) and told to close their
 * connections; once none is in flight and none has arrived for QUIET_MS, or at `timeoutMs`, the servers
 * close, then the database pool and Redis, and the process exits 0.
 */
export async function shutDown(options: ShutdownOptions): Promise<void> {
  const { tracker, logger } = options;
  options.beginDraining();
  tracker.beginDraining();
  logger.info({ inFlight: tracker.inFlight(), timeoutMs: options.timeoutMs }, 'shutting down: draining requests');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    tracker.settled(QUIET_MS).then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), options.timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) logger.warn({ cut: tracker.inFlight() }, 'shutdown timeout reached: closing remaining requests');
  for (const server of tracker.servers()) {
    server.close();
    server.closeAllConnections();
  }
  try {
    await options.closeResources();
    logger.info('shutdown complete: database and Redis closed');
  } catch (error) {
    logger.error({ err: error }, 'shutdown: closing resources failed');
  }
  options.exit(0);
}

/**
 * Replaces the HTTP server's own signal handlers with the graceful stop. Next's handlers close the
 * server and exit 143 at once, without draining our requests or closing our pools; they are removed.
 */
export function installSignalHandlers(options: Omit<ShutdownOptions, 'exit'>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => {
      options.logger.info({ signal }, 'signal received');
      void shutDown({ ...options, exit: (code) => process.exit(code) });
    });
  }
}
