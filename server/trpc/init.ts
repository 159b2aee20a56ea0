import { initTRPC } from '@trpc/server';
import { isAppError } from '../errors';
import type { ApiKeyScope } from '@/db/schema';
import type { Context } from './context';
import { describeError, toTRPCError } from './error-table';

/**
 * Plain JSON, no transformer: services in any language call this API, and timestamps travel as
 * ISO strings. Errors carry our code in `data.code` (the REST envelope's), tRPC's in `data.trpcCode`.
 */
/** Per-procedure settings read by the access middlewares. */
export interface ProcedureMeta {
  /** The API key scope that lets a service key call this procedure; without it keys are refused. */
  apiKeyScope?: ApiKeyScope;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const described = describeError(error);
      return {
        code: shape.code,
        message: described.message,
        data: {
          code: described.code,
          trpcCode: shape.data.code,
          httpStatus: described.httpStatus,
          path: shape.data.path,
          ...(described.fieldErrors ? { fieldErrors: described.fieldErrors } : {}),
        },
      };
    },
  });

/** Turns domain errors into tRPC errors with the right code, for HTTP callers and createCaller alike. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isAppError(result.error.cause)) throw toTRPCError(result.error.cause);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
export const baseProcedure = t.procedure.use(mapDomainErrors);
