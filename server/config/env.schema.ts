import { z } from 'zod';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false'], { message: 'must be 1, 0, true or false' })
  .transform((v) => v === '1' || v === 'true');

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .url({ message: 'must be a URL' })
    .refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    })
    .optional();

/** A whole number in a range, with messages an operator can act on. */
const intVar = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const commaList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/**
 * Every environment variable the service reads, validated once at start.
 * `.env.example` documents each of them; keep the two in step.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intVar(1, 65535).default(3006),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  APP_URL: z.string().url({ message: 'must be a URL' }).optional(),
  BILLING_TEST_MODE: booleanFlag.default(false),

  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  DATABASE_POOL_SIZE: intVar(1, 100).default(10),
  DATABASE_PREPARE: booleanFlag.default(true),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),

  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, { message: 'must look like sk_test_… or sk_live_…' })
    .optional(),
  /** Another Stripe-compatible API (the standalone simulator, stripe-mock); default Stripe's own. */
  STRIPE_API_URL: optionalUrl(['http', 'https']),
  STRIPE_WEBHOOK_SECRET: commaList
    .pipe(z.array(z.string().regex(/^whsec_\w+$/, { message: 'each secret must start with whsec_' })))
    .optional(),
  /** Stripe.js in the portal (card entry with Stripe Elements); read at request time, not at build. */
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, { message: 'must look like pk_test_… or pk_live_…' })
    .optional(),
  STRIPE_SIM_PORT: intVar(0, 65535).default(12111),
  STRIPE_SIM_WEBHOOK_URL: z.string().url({ message: 'must be a URL' }).optional(),
  STRIPE_SIM_STATE: z.string().min(1).default('.data/stripe-sim.json'),

  CLERK_SECRET_KEY: z
    .string()
    .regex(/^sk_(test|live)_\w+$/, { message: 'must look like sk_test_…' })
    .optional(),
  CLERK_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_[\w=+/-]+$/, { message: 'must look like pk_test_…' })
    .optional(),
  CLERK_JWT_KEY: z
    .string()
    .refine((v) => v.includes('BEGIN PUBLIC KEY'), { message: 'must be a PEM public key' })
    .optional(),
  CLERK_AUTHORIZED_PARTIES: commaList.optional(),
  PLATFORM_ORG_ID: z.string().min(1).optional(),
  LOCAL_AUTH_DIR: z.string().min(1).default('.data/local-auth'),

  REDIS_URL: optionalUrl(['redis', 'rediss']),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, { message: 'letters, digits and : . _ - only' })
    .default('billing'),
  RATE_LIMIT_READ_PER_MINUTE: intVar(1, 1_000_000).default(1200),
  RATE_LIMIT_WRITE_PER_MINUTE: intVar(1, 1_000_000).default(120),
  RATE_LIMIT_INGEST_PER_MINUTE: intVar(1, 1_000_000).default(600),

  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  CORS_ORIGIN: commaList
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, { message: 'each origin must be scheme://host[:port]' })))
    .optional(),
  DATA_ENCRYPTION_KEY: commaList
    .pipe(
      z
        .array(
          z.string().regex(/^[\w.-]{1,32}:[A-Za-z0-9+/]{43}=$/, { message: 'each key must be id:base64 of 32 bytes' }),
        )
        .min(1, { message: 'give at least one key' }),
    )
    .optional(),
  /** The tRPC API also on a plain Node server in the same process (for hot service calls); unset = off. */
  FAST_PATH_PORT: intVar(1, 65535).optional(),
  FAST_PATH_HOST: z.string().min(1).default('0.0.0.0'),
  SHUTDOWN_TIMEOUT_MS: intVar(0, 600_000).default(25_000),
  BILLING_GRACE_DAYS: intVar(0, 90).default(7),
  USAGE_LATE_DAYS: intVar(0, 60).default(3),
  RECONCILE_INTERVAL_MINUTES: intVar(0, 10_080).default(60),
  BILLING_FALLBACK_PLAN_ID: z.string().uuid({ message: 'must be a plan id (UUID)' }).optional(),
});

export type Env = z.output<typeof EnvSchema>;
