import { Redis } from 'ioredis';
import type { Logger } from './observability/logger';

/**
 * The shared Redis (rate limits, caches). Commands fail at once while it is unreachable instead of
 * queueing behind a reconnect: callers have a fallback, and a request must not wait on Redis.
 */
export function openRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // Reconnect forever, backing off to 2 s: Redis coming back should need no restart.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  let lastWarned = 0;
  redis.on('error', (error: Error) => {
    // One line per 30 s at most: a Redis outage must not flood the logs with reconnect errors.
    if (Date.now() - lastWarned < 30_000) return;
    lastWarned = Date.now();
    logger.warn({ err: { message: error.message } }, 'redis unreachable; rate limits fall back to memory');
  });
  return redis;
}

/** Closes the connection, waiting for replies in flight; gives up after a second. */
export async function closeRedis(redis: Redis): Promise<void> {
  await Promise.race([redis.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))]);
  redis.disconnect();
}
