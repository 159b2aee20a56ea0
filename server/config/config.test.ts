import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('runs every piece embedded with no environment at all', () => {
    const config = loadConfig({});
    expect(config.modes).toEqual({ database: 'pglite', payments: 'simulator', auth: 'local' });
    expect(config.embedded).toBe(true);
    expect(config.env.PORT).toBe(3006);
    expect(config.env.PGLITE_DIR).toBe('.data/pglite');
  });

  it('picks each production piece from its own variable', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/billing', PORT: '8080' });
    expect(config.modes.database).toBe('postgres');
    expect(config.modes.payments).toBe('simulator');
    expect(config.env.PORT).toBe(8080);
  });

  it('names every bad variable in one message, without a stack trace', () => {
    const error = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      STRIPE_SECRET_KEY: 'pk_x',
    });
    expect(error.problems).toHaveLength(4);
    expect(error.message).toContain('PORT:');
    expect(error.message).toContain('DATABASE_URL: must start with postgres:// or postgresql://');
    expect(error.message).toContain('LOG_LEVEL:');
    expect(error.message).toContain('STRIPE_SECRET_KEY: must look like sk_test_… or sk_live_…');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).modes.database).toBe('pglite');
  });

  it('requires the webhook secret with a real Stripe key, and the JWT key in Clerk mode', () => {
    const error = problemsOf({ STRIPE_SECRET_KEY: 'sk_test_abc', CLERK_PUBLISHABLE_KEY: 'pk_test_abc' });
    expect(error.message).toContain('STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set');
    expect(error.message).toContain('CLERK_JWT_KEY: required in Clerk mode');
  });

  it('accepts several webhook secrets for rotation', () => {
    const config = loadConfig({ STRIPE_WEBHOOK_SECRET: 'whsec_old, whsec_new' });
    expect(config.env.STRIPE_WEBHOOK_SECRET).toEqual(['whsec_old', 'whsec_new']);
    expect(problemsOf({ STRIPE_WEBHOOK_SECRET: 'nope' }).message).toContain('each secret must start with whsec_');
  });

  it('refuses a production start with embedded pieces unless BILLING_TEST_MODE=1', () => {
    const error = problemsOf({ NODE_ENV: 'production' });
    expect(error.message).toMatch(/production start with embedded pieces.*BILLING_TEST_MODE=1/);
    expect(loadConfig({ NODE_ENV: 'production', BILLING_TEST_MODE: '1' }).embedded).toBe(true);
  });
});
