import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './server/test/helpers/slow-first-sequencer';

// One suite for every workspace; browser tests live in tests/browser and run from vitest.browser.config.ts.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'server/test/**/*.test.ts'],
    // One migrated database per run; each test app starts from a copy of it.
    globalSetup: ['server/test/helpers/database-template.ts'],
    setupFiles: ['server/test/helpers/restore-env.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Files run one after another in each worker's process instead of each in a fresh module graph: loading the app's
    // modules was a quarter of the lane. Each file still starts its own app on its own database; restore-env.ts gives
    // the next file back the environment a file tuned.
    isolate: false,
    fileParallelism: true,
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
