import { defineConfig } from 'vitest/config';
import { InterleavedSequencer } from './tests/browser/interleaved-sequencer';

export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    // One demo server for the files that work on the demo (tests/browser/demo-server.setup.ts); they take turns on it
    // (demo-turns.setup.ts) while files with servers of their own run beside them.
    globalSetup: ['tests/browser/demo-server.setup.ts'],
    setupFiles: ['tests/browser/demo-turns.setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    sequence: { sequencer: InterleavedSequencer },
  },
});
