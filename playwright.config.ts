import { defineConfig } from '@playwright/test';
import { CLERK_PUBLISHABLE_KEY, clerkTestKeys } from './e2e/clerk-keys';

const localPort = Number(process.env.E2E_PORT ?? 3107);
const clerkPort = localPort + 1;

const commonEnv = {
  NODE_ENV: 'production',
  BILLING_TEST_MODE: '1',
  STRIPE_SIM_PORT: '0',
  LOG_LEVEL: 'warn',
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED: '1',
  CLERK_TELEMETRY_DISABLED: '1',
};

/**
 * End-to-end tests in Debian's Chromium against `next start` in test mode (PGlite in a fresh directory,
 * the Stripe simulator in the app's process). The same build runs twice: with local sign-in, and in Clerk
 * mode with a test instance key. Run `npm run build` first.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'local', testIgnore: /clerk-mode\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${localPort}` } },
    { name: 'clerk', testMatch: /clerk-mode\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${clerkPort}` } },
  ],
  webServer: [
    {
      command: `rm -rf .data/e2e && npx next start -p ${localPort}`,
      url: `http://127.0.0.1:${localPort}/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { ...commonEnv, PGLITE_DIR: '.data/e2e/pglite', STRIPE_SIM_STATE: '.data/e2e/stripe-sim.json' },
    },
    {
      command: `rm -rf .data/e2e-clerk && npx next start -p ${clerkPort}`,
      url: `http://127.0.0.1:${clerkPort}/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        ...commonEnv,
        PGLITE_DIR: '.data/e2e-clerk/pglite',
        STRIPE_SIM_STATE: '.data/e2e-clerk/stripe-sim.json',
        CLERK_PUBLISHABLE_KEY,
        CLERK_SECRET_KEY: 'sk_live_e2e_not_a_real_key',
        CLERK_JWT_KEY: clerkTestKeys().publicKeyPem,
      },
    },
  ],
});
