import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors';

/** Separate budgets, so a flood of usage events cannot starve the portal's reads, nor reads the writes. */
export const RATE_LIMIT_BUCKETS = ['read', 'write', 'ingest'] as const;
export type RateLimitBucket = (typeof RATE_LIMIT_BUCKETS)[number];

/** Requests allowed per identity and bucket in each window. */
export type RateLimitBudgets = Record<RateLimitBucket, number>;

export type RateLimitVerdict = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export interface RateLimitRequest {
  bucket: RateLimitBucket;
  /** Who is counted: `key:<id>`, `user:<id>` or `ip:<address>` (see rateLimitIdentity). */
  identity: string;
  /** A batch of N calls costs N. */
  points?: number;
}

export interface RateLimiter {
  backend: 'redis' | 'memory';
  consume(request: RateLimitRequest): Promise<RateLimitVerdict>;
}

export interface RateLimiterOptions {
  budgets: RateLimitBudgets;
  /** Shared by every instance when given; this process's memory otherwise. */
  redis?: Redis | null;
  windowSeconds?: number;
  /** Keeps several deployments (or test runs) on one Redis apart. */
  keyPrefix?: string;
}

/**
 * Fixed-window counters per identity and bucket: one Redis round trip per request (a Lua script that
 * increments and reads the TTL). If Redis is unreachable the limiter falls back to this process's
 * memory instead of failing requests: limits loosen to per-instance for the outage, nothing breaks.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const duration = options.windowSeconds ?? 60;
  const keyPrefix = options.keyPrefix ?? 'billing:rl';
  const limiters = Object.fromEntries(
    RATE_LIMIT_BUCKETS.map((bucket) => {
      const points = options.budgets[bucket];
      const memory = new RateLimiterMemory({ points, duration, keyPrefix: `${keyPrefix}:${bucket}` });
      const limiter: RateLimiterAbstract = options.redis
        ? new RateLimiterRedis({
            storeClient: options.redis,
            points,
            duration,
            keyPrefix: `${keyPrefix}:${bucket}`,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          })
        : memory;
      return [bucket, limiter];
    }),
  ) as Record<RateLimitBucket, RateLimiterAbstract>;

  return {
    backend: options.redis ? 'redis' : 'memory',
    async consume({ bucket, identity, points = 1 }) {
      try {
        const result = await limiters[bucket].consume(identity, points);
        return { ok: true, remaining: result.remainingPoints };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
  };
}

/**
 * Counts a request against its budget; over the limit raises RateLimitedError (429 with Retry-After in
 * both the tRPC and the REST envelope). REST route handlers call this too.
 */
export async function consumeRateLimit(limiter: RateLimiter, request: RateLimitRequest): Promise<RateLimitVerdict> {
  const verdict = await limiter.consume(request);
  if (!verdict.ok) throw new RateLimitedError(verdict.retryAfterSeconds);
  return verdict;
}

/** Budgets from the configuration (per minute). */
export const budgetsFromEnv = (env: {
  RATE_LIMIT_READ_PER_MINUTE: number;
  RATE_LIMIT_WRITE_PER_MINUTE: number;
  RATE_LIMIT_INGEST_PER_MINUTE: number;
}): RateLimitBudgets => ({
  read: env.RATE_LIMIT_READ_PER_MINUTE,
  write: env.RATE_LIMIT_WRITE_PER_MINUTE,
  ingest: env.RATE_LIMIT_INGEST_PER_MINUTE,
});
