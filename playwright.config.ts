import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CLERK_PUBLISHABLE_KEY, clerkTestKeys } from './e2e/clerk-keys';
import { E2E_SERVER_LOGS } from './e2e/server-logs';

const localPort = Number(process.env.E2E_PORT ?? 3107);
const clerkPort = localPort + 1;

const commonEnv = {
  NODE_ENV: 'production',
  BILLING_TEST_MODE: '1',
  STRIPE_SIM_PORT: '0',
  // Debug, so the secrets check after the run reads every line a server can write.
  LOG_LEVEL: 'debug',
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED: '1',
  CLERK_TELEMETRY_DISABLED: '1',
};

/** The standalone server changes into .next/standalone: data paths must be absolute. */
const dataIn = (dir: string) => ({
  PGLITE_DIR: path.resolve(dir, 'pglite'),
  LOCAL_AUTH_DIR: path.resolve(dir, 'local-auth'),
  STRIPE_SIM_STATE: path.resolve(dir, 'stripe-sim.json'),
});

/**
 * End-to-end tests in Debian's Chromium against the standalone server (`npm start`, as in the image) in
 * test mode (PGlite in a fresh directory, the Stripe simulator in the app's process). The same build runs
 * twice: with local sign-in, and in Clerk mode with a test instance key. Run `npm run build` first.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  globalTeardown: './e2e/log-secrets-teardown.ts',
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
      command: `rm -rf .data/e2e && mkdir -p .data/e2e-logs && sh scripts/start.sh > ${E2E_SERVER_LOGS[0]} 2>&1`,
      url: `http://127.0.0.1:${localPort}/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { ...commonEnv, PORT: String(localPort), ...dataIn('.data/e2e') },
    },
    {
      command: `rm -rf .data/e2e-clerk && mkdir -p .data/e2e-logs && sh scripts/start.sh > ${E2E_SERVER_LOGS[1]} 2>&1`,
      url: `http://127.0.0.1:${clerkPort}/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        ...commonEnv,
        PORT: String(clerkPort),
        ...dataIn('.data/e2e-clerk'),
        CLERK_PUBLISHABLE_KEY,
        CLERK_SECRET_KEY: 'sk_live_e2e_not_a_real_key',
        CLERK_JWT_KEY: clerkTestKeys().publicKeyPem,
      },
    },
  ],
});
