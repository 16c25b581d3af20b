import { defineConfig } from 'vitest/config';

/**
 * One runner for the whole project. Unit tests sit beside the code (server/, web/src/);
 * the integration, security and browser suites under test/ start real clusters, servers
 * and a real browser, so they get long timeouts. At most two test files run at once on
 * the whole machine (clusters are heavy). Coverage (v8) is written on every run.
 */
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    maxWorkers: 2,
    pool: 'forks',
    coverage: {
      enabled: true,
      provider: 'v8',
      include: ['server/**/*.ts', 'web/src/**/*.{ts,tsx}'],
      exclude: ['**/*.test.{ts,tsx}', 'web/src/test-setup.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'coverage',
    },
    projects: [
      { extends: true, test: { name: 'unit', include: ['server/**/*.test.ts', 'test/bench/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000 } },
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['web/src/test-setup.ts'], testTimeout: 30_000 } },
      ...['integration', 'security', 'e2e'].map((name) => ({
        extends: true as const,
        test: { name, include: [`test/${name}/**/*.test.ts`], environment: 'node', testTimeout: 900_000, hookTimeout: 600_000 },
      })),
    ],
  },
});
