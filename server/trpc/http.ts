import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '../routers/_app';
import { countError, observeRequest } from '../observability/metrics';
import { requestIdFrom, runInRequest } from '../observability/request-context';
import { createInnerContext, type ServiceDeps } from './context';
import { describeError } from './error-table';
import { limitTrpcRequest, retryAfterHeaders, routeLabel } from './http-guards';

export const TRPC_ENDPOINT = '/api/trpc';

/** Serves the tRPC API over the Fetch API: used by the Next route and by tests over real HTTP. */
export function handleTrpcRequest(request: Request, deps: ServiceDeps): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  const started = performance.now();
  let routes = ['unknown'];
  const failed = new Map<string, number>();
  return runInRequest({ requestId }, async () => {
    const response = await fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req: request,
      router: appRouter,
      createContext: async ({ info }) => {
        routes = info.calls.length ? info.calls.map(routeLabel) : routes;
        const { principal, failure } = await deps.auth.authenticate(request.headers, deps.db, deps.clock());
        await limitTrpcRequest(deps.rateLimiter, info, principal, request.headers);
        return createInnerContext(deps, { requestId, principal, authFailure: failure });
      },
      onError: ({ error, path }) => {
        const described = describeError(error);
        countError(described.code);
        failed.set(path ?? 'unknown', described.httpStatus);
        if (error.code === 'INTERNAL_SERVER_ERROR')
          deps.logger.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
      responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
    });
    const seconds = (performance.now() - started) / 1000;
    // Each call of a batch counts under its own procedure and outcome; a mixed batch answers 207, and its
    // successful calls count as 200.
    const ok = response.status === 207 ? 200 : response.status;
    for (const route of routes) observeRequest(route, failed.get(route) ?? ok, seconds);
    response.headers.set('x-request-id', requestId);
    return response;
  });
}
