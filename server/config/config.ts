import { DEVELOPMENT_KEY_RING, parseKeyRing, type KeyRing } from '../security/encryption';
import { EnvSchema, type Env } from './env.schema';

/** Which implementation runs each piece; read at start so one build serves every mode. */
export interface Modes {
  database: 'postgres' | 'pglite';
  payments: 'stripe' | 'simulator';
  auth: 'clerk' | 'local';
}

export interface AppConfig {
  env: Env;
  modes: Modes;
  /** True when any embedded piece runs: the portal shows a test-mode banner. */
  embedded: boolean;
  /** Keys for personal data at rest: DATA_ENCRYPTION_KEY, or a public development key outside production. */
  dataKeys: KeyRing;
}

/** A configuration problem, reported once with every variable at fault. */
/** A configuration problem (recognise it by `name === 'ConfigError'` across bundles). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and cross-checks the environment; throws ConfigError naming each bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  // An empty value means "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const modes: Modes = {
    database: env.DATABASE_URL ? 'postgres' : 'pglite',
    payments: env.STRIPE_SECRET_KEY ? 'stripe' : 'simulator',
    auth: env.CLERK_JWT_KEY || env.CLERK_PUBLISHABLE_KEY ? 'clerk' : 'local',
  };
  const embedded = modes.database === 'pglite' || modes.payments === 'simulator' || modes.auth === 'local';
  const problems = crossCheck(env, modes, embedded);
  let dataKeys = DEVELOPMENT_KEY_RING;
  try {
    if (env.DATA_ENCRYPTION_KEY) dataKeys = parseKeyRing(env.DATA_ENCRYPTION_KEY);
  } catch (error) {
    problems.push(`DATA_ENCRYPTION_KEY: ${(error as Error).message}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { env, modes, embedded, dataKeys };
}

function crossCheck(env: Env, modes: Modes, embedded: boolean): string[] {
  const problems: string[] = [];
  if (modes.payments === 'stripe' && !env.STRIPE_WEBHOOK_SECRET?.length) {
    problems.push('STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set');
  }
  if (modes.auth === 'clerk') {
    if (!env.CLERK_JWT_KEY) problems.push('CLERK_JWT_KEY: required in Clerk mode (networkless token verification)');
    if (!env.CLERK_PUBLISHABLE_KEY) problems.push('CLERK_PUBLISHABLE_KEY: required in Clerk mode');
  }
  if (env.NODE_ENV === 'production' && !env.BILLING_TEST_MODE && !env.DATA_ENCRYPTION_KEY) {
    problems.push('DATA_ENCRYPTION_KEY: required in production (billing contacts are encrypted with it)');
  }
  if (env.NODE_ENV === 'production' && embedded && !env.BILLING_TEST_MODE) {
    const pieces = [
      modes.database === 'pglite' && 'DATABASE_URL (embedded PGlite would run)',
      modes.payments === 'simulator' && 'STRIPE_SECRET_KEY (the Stripe simulator would run)',
      modes.auth === 'local' && 'CLERK_JWT_KEY/CLERK_PUBLISHABLE_KEY (local sign-in would run)',
    ].filter(Boolean);
    problems.push(
      `production start with embedded pieces: set ${pieces.join(', ')}, or BILLING_TEST_MODE=1 for a demo or test run`,
    );
  }
  return problems;
}
