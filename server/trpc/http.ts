import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '../routers/_app';
import { requestIdFrom, runInRequest } from '../observability/request-context';
import { createInnerContext, type ServiceDeps } from './context';

export const TRPC_ENDPOINT = '/api/trpc';

/** Serves the tRPC API over the Fetch API: used by the Next route and by tests over real HTTP. */
export function handleTrpcRequest(request: Request, deps: ServiceDeps): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  return runInRequest({ requestId }, async () => {
    const response = await fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req: request,
      router: appRouter,
      createContext: async () => {
        const { principal, failure } = await deps.auth.authenticate(request.headers, deps.db, deps.clock());
        return createInnerContext(deps, { requestId, principal, authFailure: failure });
      },
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          deps.logger.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    });
    response.headers.set('x-request-id', requestId);
    return response;
  });
}
