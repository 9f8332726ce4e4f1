// Optional CPU profile of the measured window only (not the set-up): with BENCH_PROFILE_DIR set, `profiled(name, fn)`
// writes <dir>/<name>-<time>.cpuprofile (open it in Chrome DevTools or summarise it); without it, fn just runs.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}-${Date.now()}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    console.log(`    cpu profile of the measured window: ${file}`);
    session.disconnect();
  }
}
