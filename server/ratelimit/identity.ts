import type { Principal } from '../auth/principal';

/**
 * Whom a request is counted against: its API key, else its user, else its client address. Keys and
 * users keep their budget wherever they call from; anonymous callers share their address's.
 */
export function rateLimitIdentity(principal: Principal | null, headers: Headers): string {
  if (principal?.kind === 'apiKey') return `key:${principal.keyId}`;
  if (principal?.kind === 'user') return `user:${principal.userId}`;
  return `ip:${clientAddress(headers)}`;
}

/**
 * The client's address as the load balancer reports it: `x-real-ip`, else the first hop of
 * `x-forwarded-for`. Only meaningful behind a proxy that sets these (every deployment here has one);
 * a direct caller could forge them, which only moves it to another anonymous budget.
 */
export function clientAddress(headers: Headers): string {
  const real = headers.get('x-real-ip')?.trim();
  if (real) return real.slice(0, 64);
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded ? forwarded.slice(0, 64) : 'unknown';
}

/** Ingest procedures get their own budget; other writes share one, reads another. */
const INGEST_PROCEDURES = new Set(['usage.record', 'entitlements.consume']);

export function bucketForProcedure(path: string, type: 'query' | 'mutation' | 'subscription' | 'unknown') {
  if (INGEST_PROCEDURES.has(path)) return 'ingest' as const;
  return type === 'query' ? ('read' as const) : ('write' as const);
}
