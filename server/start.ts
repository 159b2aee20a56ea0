import type { Server } from 'node:http';
import { installSignalHandlers, trackRequests } from './lifecycle/shutdown';
import { startFastPath } from './http/fast-path';
import { closeRuntime, getRuntime } from './runtime';

/** Start-up from the Next server: a configuration error prints its message and exits, no stack trace. */
export async function startServer(): Promise<void> {
  try {
    const runtime = await getRuntime();
    const { FAST_PATH_PORT, FAST_PATH_HOST } = runtime.config.env;
    const fastPath = FAST_PATH_PORT
      ? await startFastPath(runtime, { port: FAST_PATH_PORT, host: FAST_PATH_HOST })
      : null;
    if (fastPath) runtime.logger.info({ url: fastPath.url }, 'tRPC fast path listening');
    // In production the app drains on SIGTERM; `next dev` keeps its own handling of signals.
    if (runtime.config.env.NODE_ENV === 'production') {
      installSignalHandlers({
        tracker: trackRequests((server) => isNextServer(server) || server === fastPath?.server),
        logger: runtime.logger,
        beginDraining: () => {
          runtime.draining = true;
        },
        closeResources: () => closeRuntime(runtime),
        timeoutMs: runtime.config.env.SHUTDOWN_TIMEOUT_MS,
      });
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'ConfigError') {
      console.error(`\n${error.message}\n\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Next's server listens on PORT (Next sets it to the port it bound); other servers here are not the app. */
function isNextServer(server: Server): boolean {
  const address = server.address();
  return typeof address === 'object' && address !== null && String(address.port) === process.env.PORT;
}
