import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    // One demo server for the files that work on the demo (tests/browser/demo-server.setup.ts).
    globalSetup: ['tests/browser/demo-server.setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
