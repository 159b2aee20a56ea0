import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleTrpcRequest, TRPC_ENDPOINT } from '../trpc/http';
import type { ServiceDeps } from '../trpc/context';
import { directCall } from './direct-call';
import { readBody, sendFetchResponse, toFetchRequest } from './node-fetch-bridge';

export interface FastPath {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * The tRPC API on a plain Node HTTP server in the app's own process, beside Next: the same routers,
 * auth, rate limits and metrics (handleTrpcRequest), without Next's per-request pipeline, whose cost
 * dominates cheap, hot procedures such as entitlements.check and usage.record (PERFORMANCE.md).
 */
export async function startFastPath(deps: ServiceDeps, options: { port: number; host: string }): Promise<FastPath> {
  const origin = `http://${options.host}:${options.port}`;
  const server = createServer(async (req, res) => {
    try {
      if (!req.url?.startsWith(`${TRPC_ENDPOINT}/`)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `only ${TRPC_ENDPOINT}/* is served on this port` }));
        return;
      }
      const body = await readBody(req);
      if (body === null) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Request body over 1 MiB', data: { code: 'VALIDATION_ERROR' } } }));
        return;
      }
      const direct = await directCall(req, new URL(req.url, origin), async () => body.toString('utf8'), deps);
      if (direct) {
        res.writeHead(direct.status, direct.headers);
        res.end(direct.body);
        return;
      }
      const request = toFetchRequest(req, origin, body);
      await sendFetchResponse(await handleTrpcRequest(request, deps), res);
    } catch (error) {
      deps.logger.error({ err: error }, 'fast path request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Internal error', data: { code: 'INTERNAL_ERROR' } } }));
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
