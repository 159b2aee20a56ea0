import { count } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { DatabaseHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { openConfiguredDatabase } from '@/db/open';
import { plans } from '@/db/schema';
import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import packageJson from '@/package.json';
import { authenticatorFromConfig } from './auth/authenticator';
import { loadConfig, type AppConfig } from './config/config';
import { createLogger, type Logger } from './observability/logger';
import { observeDbQuery } from './observability/metrics';
import { budgetsFromEnv, createRateLimiter } from './ratelimit/rate-limit';
import { closeRedis, openRedis } from './redis';
import { syncCatalogToStripe } from './stripe/catalog-sync';
import { scheduleReconciliation } from './stripe/reconcile-schedule';
import { startPayments, type PaymentsRuntime } from './stripe/payments-runtime';
import type { ServiceDeps } from './trpc/context';

/** The process-wide services, started once and shared by every route. */
export interface Runtime extends ServiceDeps {
  database: DatabaseHandle;
  paymentsRuntime: PaymentsRuntime;
  /** Stops the scheduled reconciliation with Stripe. */
  stopReconciliation: () => void;
  /** Shared Redis when REDIS_URL is set (rate limits); null runs them in memory. */
  redis: Redis | null;
  startedAt: Date;
  version: string;
  /** Set once shutdown begins: readiness turns 503 and new work is refused. */
  draining: boolean;
}

// Next may load a module once per route bundle: keep the singleton on globalThis so all share one.
const RUNTIME = Symbol.for('billing-service.runtime');
type Holder = { [RUNTIME]?: Promise<Runtime> };

/** The started runtime; the first call starts it. */
export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[RUNTIME] ??= createRuntime().catch((error: unknown) => {
    delete holder[RUNTIME];
    throw error;
  });
  return holder[RUNTIME];
}

export const appVersion = packageJson.version;

/** Starts the services from an environment; `getRuntime` calls it once per process. */
export async function createRuntime(source: Record<string, string | undefined> = process.env): Promise<Runtime> {
  const config = loadConfig(source);
  const { env, modes } = config;
  const logger = createLogger({ level: env.LOG_LEVEL, pretty: env.NODE_ENV === 'development' });
  const database = await openDatabase(config, logger);
  const redis = env.REDIS_URL ? openRedis(env.REDIS_URL, logger) : null;
  const paymentsRuntime = await startPayments(config, logger);
  if (paymentsRuntime.simulator) {
    // The sample plans must be purchasable on a fresh machine: mirror the catalog into the simulator.
    const synced = await syncCatalogToStripe(database.db, paymentsRuntime.stripe);
    logger.info({ ...synced, simulator: paymentsRuntime.simulator.url }, 'catalog synced to the Stripe simulator');
  }
  const stopReconciliation = scheduleReconciliation({
    db: database.db,
    stripe: paymentsRuntime.stripe,
    logger: logger.child({ job: 'reconcile' }),
    intervalMinutes: env.RECONCILE_INTERVAL_MINUTES,
  });
  logger.info(
    { modes, port: env.PORT, testMode: env.BILLING_TEST_MODE },
    `billing service ${appVersion} starting: database=${modes.database} payments=${modes.payments} auth=${modes.auth}`,
  );
  return {
    db: database.db,
    database,
    config,
    logger,
    clock: () => new Date(),
    auth: authenticatorFromConfig(config),
    payments: paymentsRuntime.gateway,
    paymentsRuntime,
    stopReconciliation,
    redis,
    rateLimiter: createRateLimiter({ budgets: budgetsFromEnv(env), redis, keyPrefix: `${env.REDIS_KEY_PREFIX}:rl` }),
    startedAt: new Date(),
    version: appVersion,
    draining: false,
  };
}

/** PostgreSQL when DATABASE_URL is set; otherwise PGlite on disk, migrated and seeded at start. */
async function openDatabase(config: AppConfig, logger: Logger): Promise<DatabaseHandle> {
  const handle = await openConfiguredDatabase(config.env, observeDbQuery);
  if (handle.kind === 'postgres') return handle;
  await migrateDatabase(handle);
  const [row] = await handle.db.select({ n: count() }).from(plans);
  if (!row || row.n === 0) {
    const { inserted } = await seedSampleCatalog(handle.db);
    logger.info({ inserted }, 'embedded database seeded with the sample catalog');
  }
  return handle;
}

/** Closes what the runtime opened; the process may then exit. */
export async function closeRuntime(runtime: Runtime): Promise<void> {
  runtime.draining = true;
  runtime.stopReconciliation();
  await runtime.paymentsRuntime.close();
  await runtime.database.close();
  if (runtime.redis) await closeRedis(runtime.redis);
}
