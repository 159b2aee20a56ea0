import { pendingMigrations } from '@/db/migrate';
import type { Runtime } from '../runtime';

export interface DependencyState {
  name: string;
  required: boolean;
  status: 'up' | 'down';
  detail?: string;
  latencyMs?: number;
}

export interface Readiness {
  ready: boolean;
  status: 'ready' | 'not_ready' | 'draining';
  dependencies: DependencyState[];
}

type Check = (runtime: Runtime) => Promise<Omit<DependencyState, 'name' | 'required'>>;

const checkDatabase: Check = async ({ database }) => {
  await database.query('select 1');
  return { status: 'up', detail: database.kind };
};

const checkMigrations: Check = async ({ database }) => {
  const pending = await pendingMigrations(database);
  return pending.length === 0
    ? { status: 'up', detail: 'all applied' }
    : { status: 'down', detail: `${pending.length} pending: ${pending.join(', ')}` };
};

const STRIPE_API = 'https://api.stripe.com';

/**
 * Stripe (or the embedded simulator) answers HTTP. Any answer counts, 401 included: the probe carries no
 * key, so it costs nothing against Stripe's rate limit and puts no secret on the wire.
 */
const checkStripe: Check = async ({ paymentsRuntime }) => {
  const simulator = paymentsRuntime.simulator;
  const response = await fetch(`${simulator?.url ?? STRIPE_API}/v1`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.body?.cancel();
  if (response.status >= 500) throw new Error(`answered ${response.status}`);
  return { status: 'up', detail: simulator ? 'simulator' : 'stripe' };
};

const checkRedis: Check = async ({ redis }) => {
  await redis!.ping();
  return { status: 'up' };
};

/**
 * The checks, in order. Stripe and Redis are reported but not required: without Stripe, reads and usage
 * still work, and without Redis the rate limits fall back to memory; taking every instance out of the
 * load balancer for either would turn a partial outage into a full one.
 */
const CHECKS: Array<{ name: string; required: boolean; check: Check; applies?: (runtime: Runtime) => boolean }> = [
  { name: 'database', required: true, check: checkDatabase },
  { name: 'migrations', required: true, check: checkMigrations },
  { name: 'stripe', required: false, check: checkStripe },
  { name: 'redis', required: false, check: checkRedis, applies: (runtime) => runtime.redis !== null },
];

const TIMEOUT_MS = 3000;

/** Runs each dependency check with a timeout; ready when every required one is up and not draining. */
export async function checkReadiness(runtime: Runtime): Promise<Readiness> {
  const dependencies = await Promise.all(
    CHECKS.filter(({ applies }) => !applies || applies(runtime)).map(
      async ({ name, required, check }): Promise<DependencyState> => {
        const started = performance.now();
        try {
          const result = await withTimeout(check(runtime), TIMEOUT_MS);
          return { name, required, ...result, latencyMs: Math.round(performance.now() - started) };
        } catch (error) {
          return { name, required, status: 'down', detail: describe(error) };
        }
      },
    ),
  );
  const healthy = dependencies.every((d) => !d.required || d.status === 'up');
  const status = runtime.draining ? 'draining' : healthy ? 'ready' : 'not_ready';
  return { ready: status === 'ready', status, dependencies };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A short reason without connection strings or credentials. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\b\w+:\/\/\S+/g, '[url]').slice(0, 200);
}
