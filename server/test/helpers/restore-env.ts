// Vitest set-up file, run before each test file: the suite runs files one after another in the same worker process
// (isolate: false, for the time modules take to load), so a file that tunes process.env for its own app (a faster
// poll, a tick) gets it back as it was when the file ends, and the next file's apps start from the same environment.
import { afterAll } from 'vitest';

const before = { ...process.env };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
  Object.assign(process.env, before);
});
