/**
 * The service in a process of its own, for tests that need a real one (signals, everything it logs):
 * the runtime from the environment, the tRPC API, /ready and /api/metrics over HTTP, the production
 * signal handling, and `/slow?ms=` to hold a request in flight. Prints `{"listening": url}` on stdout.
 */
import { checkReadiness } from '../server/health/readiness';
import { installSignalHandlers, trackRequests } from '../server/lifecycle/shutdown';
import { handleMetricsRequest } from '../server/observability/metrics-endpoint';
import { closeRuntime, createRuntime } from '../server/runtime';
import { handleTrpcRequest } from '../server/trpc/http';
import { serveFetchHandler } from './http-server';

const runtime = await createRuntime(process.env);
const server = await serveFetchHandler(async (request) => {
  const url = new URL(request.url);
  if (url.pathname === '/slow') {
    runtime.logger.info('slow request started');
    await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get('ms') ?? 1000)));
    return new Response('done');
  }
  if (url.pathname === '/ready') {
    const readiness = await checkReadiness(runtime);
    return Response.json(readiness, { status: readiness.ready ? 200 : 503 });
  }
  if (url.pathname === '/api/metrics') return handleMetricsRequest(request, runtime.config.env.METRICS_TOKEN);
  return handleTrpcRequest(request, runtime);
});
const port = new URL(server.url).port;
installSignalHandlers({
  tracker: trackRequests((s) => {
    const address = s.address();
    return typeof address === 'object' && address !== null && String(address.port) === port;
  }),
  logger: runtime.logger,
  beginDraining: () => {
    runtime.draining = true;
  },
  closeResources: () => closeRuntime(runtime),
  timeoutMs: runtime.config.env.SHUTDOWN_TIMEOUT_MS,
});
process.stdout.write(`${JSON.stringify({ listening: server.url })}\n`);
