// Files that work on the lane's one demo server take turns on it, one at a time, while files with servers of their own
// run beside them (two workers). A file that calls demoServer() waits here, before its own hooks, until it holds the
// turn (a directory made with mkdir, which only one process can create), and gives it back after its last test.
import fs from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { usesDemoServer } from './demo-files';

let holding: string | null = null;

// Vitest parses a hook's first parameter as a fixture list and requires it destructured; only the suite is needed.
// eslint-disable-next-line no-empty-pattern
beforeAll(async ({}, suite) => {
  if (!usesDemoServer(suite.file.filepath)) return;
  const turn = inject('demoTurn');
  for (;;) {
    try {
      fs.mkdirSync(turn);
      holding = turn;
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(() => {
  if (holding) fs.rmSync(holding, { recursive: true, force: true });
  holding = null;
});
