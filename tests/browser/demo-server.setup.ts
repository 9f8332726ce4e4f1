// Vitest global set-up for the browser lane: one demo server (the real start-up path, demo corp and sandbox) for
// every file that works on the demo, instead of each starting its own (≈12 s each, plus the demo's boot sync and
// seeding competing with that file's own test). Those files each make their own records under names of their own
// and compare with what the server answers, so they need no pristine demo. Files that need a fresh install (set-up,
// invitations) or a world of their own still start their own server.
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './start-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared demo server: its URL and what it printed by the time it was ready. */
    demoServer: { base: string; output: string };
    /** The directory a file holds while it works on the demo server (demo-turns.setup.ts); unique to this run. */
    demoTurn: string;
  }
}

let server: RunningServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  // broadcasts.test.ts pulls results every 2 s instead of every minute (the poller runs only while a broadcast is
  // out); sop.test.ts's steps and group-sop.test.ts's pushes run within half a second of being due.
  server = await startServer({ BROADCAST_POLL_SECONDS: '2', SOP_TICK_MS: '500', GROUP_SOP_TICK_MS: '500', GROUP_SOP_POLL_SECONDS: '1' });
  project.provide('demoServer', { base: server.base, output: server.output() });
  project.provide('demoTurn', path.join(os.tmpdir(), `siyu-demo-turn-${process.pid}-${Date.now()}`));
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
