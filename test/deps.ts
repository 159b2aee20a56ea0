import { Writable } from 'node:stream';
import type { Database } from '../db/client';
import { loadConfig } from '../server/config/config';
import { createLogger, type Logger } from '../server/observability/logger';
import { createRateLimiter } from '../server/ratelimit/rate-limit';
import { createAuthenticator } from '../server/auth/authenticator';
import type { PaymentsGateway } from '../server/billing/payments.port';
import { StripeUnavailableError } from '../server/errors';
import type { ServiceDeps } from '../server/trpc/context';
import { TEST_AUTHORIZED_PARTY, TEST_KEYS } from './tokens';

/** A logger whose lines a test can read. */
export function captureLogger(level = 'debug'): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ level, pretty: false, destination });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

export const TEST_PLATFORM_ORG_ID = 'org_platform';

/** Verifies tokens signed with TEST_KEYS, as Clerk mode verifies Clerk's. */
export const testAuthenticator = () =>
  createAuthenticator({
    mode: 'clerk',
    jwtKey: TEST_KEYS.publicKeyPem,
    authorizedParties: [TEST_AUTHORIZED_PARTY],
    platformOrgId: TEST_PLATFORM_ORG_ID,
  });

/** For tests that never reach the payment provider: any call fails as if Stripe were down. */
export const paymentsUnavailable = new Proxy({} as PaymentsGateway, {
  get: () => () => Promise.reject(new StripeUnavailableError()),
});

/** Service dependencies for tests: the given database, a test configuration, a fixed or real clock. */
export function testDeps(db: Database, overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  return {
    db,
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    logger: captureLogger('silent').logger,
    clock: () => new Date(),
    auth: testAuthenticator(),
    // Generous in-memory budgets: only the rate limit tests run out.
    rateLimiter: createRateLimiter({ budgets: { read: 100_000, write: 100_000, ingest: 100_000 } }),
    payments: paymentsUnavailable,
    ...overrides,
  };
}
