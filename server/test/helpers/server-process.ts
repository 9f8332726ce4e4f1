// A real Siyu server process (node server/src/main.ts) for crash tests: started with an environment, ready when
// /readyz answers, killed by the test (SIGKILL) to prove what survives.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { until } from './until';

const root = path.resolve(import.meta.dirname, '../../..');

export function startServerProcess(env: Record<string, string>, readyMs = 60_000): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
  const ready = until(
    'server ready',
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${env.PORT}/readyz`)).ok;
      } catch {
        return false;
      }
    },
    readyMs,
    100,
  ).then(() => undefined);
  return { child, ready };
}
