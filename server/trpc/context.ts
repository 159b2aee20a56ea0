import type { Database } from '@/db/client';
import type { AppConfig } from '../config/config';
import type { Authenticator } from '../auth/authenticator';
import type { PaymentsGateway } from '../billing/payments.port';
import type { Principal } from '../auth/principal';
import type { Logger } from '../observability/logger';
import type { RateLimiter } from '../ratelimit/rate-limit';

/** What the service depends on, built once at start (or by a test). */
export interface ServiceDeps {
  db: Database;
  config: AppConfig;
  logger: Logger;
  clock: () => Date;
  auth: Authenticator;
  /** Request budgets per caller (Redis when REDIS_URL is set); the HTTP handlers consult it. */
  rateLimiter: RateLimiter;
  /** The payment provider (Stripe or the local simulator), through the adapter. */
  payments: PaymentsGateway;
}

/** Everything a procedure may use; tests build it without a request. */
export interface Context extends ServiceDeps {
  requestId: string;
  /** Who is calling; null when anonymous. The auth layer fills it. */
  principal: Principal | null;
  /** Why a presented credential was refused, for a helpful 401. */
  authFailure: string | null;
}

export function createInnerContext(
  deps: ServiceDeps,
  opts: { requestId: string; principal?: Principal | null; authFailure?: string | null },
): Context {
  return {
    ...deps,
    requestId: opts.requestId,
    principal: opts.principal ?? null,
    authFailure: opts.authFailure ?? null,
  };
}
