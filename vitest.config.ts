import { defineConfig } from 'vitest/config';

// One suite for every workspace; browser tests live in tests/browser and run from vitest.browser.config.ts.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'server/test/**/*.test.ts'],
    // One migrated database per run; each test app starts from a copy of it.
    globalSetup: ['server/test/helpers/database-template.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
