import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', 'bench/**'],
    environment: 'node',
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['server/**/*.ts', 'db/**/*.ts'],
      exclude: ['**/*.test.ts', 'server/stripe/simulator/cli.ts', 'db/scripts/**'],
      thresholds: { lines: 80 },
    },
  },
});
