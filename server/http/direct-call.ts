import type { IncomingMessage } from 'node:http';
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  TRPCError,
  type AnyTRPCProcedure,
} from '@trpc/server';
import type { TRPCRequestInfo } from '@trpc/server/http';
import { describeError } from '../trpc/error-table';
import { countError, observeRequest } from '../observability/metrics';
import { requestIdFrom, runInRequest } from '../observability/request-context';
import { appRouter } from '../routers/_app';
import { createInnerContext, type ServiceDeps } from '../trpc/context';
import { limitTrpcRequest, retryAfterHeaders } from '../trpc/http-guards';
import { TRPC_ENDPOINT } from '../trpc/http';

/** The procedures other services call at volume; each is answered without tRPC's HTTP pipeline. */
export const HOT_PROCEDURES = new Set([
  'entitlements.check',
  'entitlements.consume',
  'usage.record',
  'subscriptions.current',
]);

export interface DirectAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One call of a hot procedure, straight through the router (`callTRPCProcedure`): the same procedure
 * builders, auth, scopes, input validation, rate limit, error shape and metrics as /api/trpc, without
 * building Fetch Requests, AbortControllers and batch machinery per request. Anything else (batches,
 * other procedures, the wrong method) returns null and takes the full tRPC handler.
 */
export async function directCall(
  req: IncomingMessage,
  url: URL,
  readBody: () => Promise<string>,
  deps: ServiceDeps,
): Promise<DirectAnswer | null> {
  const path = url.pathname.slice(TRPC_ENDPOINT.length + 1);
  if (!HOT_PROCEDURES.has(path) || url.searchParams.has('batch')) return null;
  const procedure = (appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure | undefined>)[path];
  const type = procedure?._def.type;
  if (!procedure || (type === 'query' ? req.method !== 'GET' : req.method !== 'POST')) return null;
  const headers = new Headers(req.headers as Record<string, string>);
  const requestId = requestIdFrom(headers);
  const started = performance.now();
  return runInRequest({ requestId }, async () => {
    let input: unknown;
    let ctx: ReturnType<typeof createInnerContext> | undefined;
    let status = 200;
    try {
      const raw = type === 'query' ? url.searchParams.get('input') : await readBody();
      input = raw ? JSON.parse(raw) : undefined;
      const { principal, failure } = await deps.auth.authenticate(headers, deps.db, deps.clock());
      const info = { calls: [{ path, procedure }], type, accept: null } as unknown as TRPCRequestInfo;
      await limitTrpcRequest(deps.rateLimiter, info, principal, headers);
      ctx = createInnerContext(deps, { requestId, principal, authFailure: failure });
      const data = await callTRPCProcedure({
        router: appRouter,
        path,
        getRawInput: async () => input,
        ctx,
        type: type!,
        signal: undefined,
        batchIndex: 0,
      });
      return answer(200, { 'x-request-id': requestId }, { result: { data } });
    } catch (cause) {
      const error =
        cause instanceof SyntaxError
          ? new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause })
          : getTRPCErrorFromUnknown(cause);
      const described = describeError(error);
      status = described.httpStatus;
      countError(described.code);
      if (error.code === 'INTERNAL_SERVER_ERROR')
        deps.logger.error({ err: error.cause ?? error, path }, 'procedure failed');
      const shape = getTRPCErrorShape({ config: appRouter._def._config, error, type: type!, path, input, ctx });
      return answer(status, { 'x-request-id': requestId, ...retryAfterHeaders([error]) }, { error: shape });
    } finally {
      observeRequest(path, status, (performance.now() - started) / 1000);
    }
  });
}

const answer = (status: number, headers: Record<string, string>, body: unknown): DirectAnswer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
