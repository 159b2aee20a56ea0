import type { TRPCError } from '@trpc/server';
import type { TRPCRequestInfo } from '@trpc/server/http';
import type { Principal } from '../auth/principal';
import { isAppError, RateLimitedError } from '../errors';
import { countRateLimited } from '../observability/metrics';
import { bucketForProcedure, rateLimitIdentity } from '../ratelimit/identity';
import type { RateLimiter, RateLimitBucket } from '../ratelimit/rate-limit';
import { toTRPCError } from './error-table';

const STRICTNESS: Record<RateLimitBucket, number> = { read: 0, write: 1, ingest: 2 };

/**
 * One budget check per HTTP request, before any procedure runs: a batch of N calls costs N in the
 * strictest bucket among them, so batching neither dodges a limit nor costs more than one round trip.
 */
export async function limitTrpcRequest(
  limiter: RateLimiter,
  info: TRPCRequestInfo,
  principal: Principal | null,
  headers: Headers,
): Promise<void> {
  const buckets = info.calls.map((call) => bucketForProcedure(call.path, call.procedure?._def.type ?? info.type));
  const bucket = buckets.reduce<RateLimitBucket>((a, b) => (STRICTNESS[b] > STRICTNESS[a] ? b : a), 'read');
  const verdict = await limiter.consume({
    bucket,
    identity: rateLimitIdentity(principal, headers),
    points: Math.max(1, info.calls.length),
  });
  if (!verdict.ok) {
    countRateLimited(bucket);
    throw toTRPCError(new RateLimitedError(verdict.retryAfterSeconds));
  }
}

/** A 429 tells the caller when to come back, as the REST envelope does. */
export function retryAfterHeaders(errors: TRPCError[]): Record<string, string> | undefined {
  const limited = errors.find((e) => isAppError(e.cause) && e.cause.code === 'RATE_LIMITED')?.cause as
    RateLimitedError | undefined;
  return limited ? { 'retry-after': String(limited.retryAfterSeconds) } : undefined;
}

/** A metrics label for a call: the procedure's path, or `unknown` so made-up paths add no series. */
export const routeLabel = (call: { path: string; procedure: unknown }) => (call.procedure ? call.path : 'unknown');
