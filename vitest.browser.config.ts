import { defineConfig } from 'vitest/config';
import { InterleavedSequencer } from './tests/browser/interleaved-sequencer';

export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    // One demo server for the files that work on the demo (tests/browser/demo-server.setup.ts); they take turns on it
    // (demo-turns.setup.ts) while files with servers of their own run beside them.
    globalSetup: ['tests/browser/demo-server.setup.ts'],
    setupFiles: ['tests/browser/demo-turns.setup.ts'],
    // Longer than one page step (STEP_TIMEOUT_MS in tests/browser/start-server.ts, 120 s), so that a step that hangs
    // fails with its locator named before the test's own timeout cuts it short with nothing named.
    testTimeout: 150_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    sequence: { sequencer: InterleavedSequencer },
  },
});
