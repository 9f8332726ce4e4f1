// `npm start`'s console build: rebuilds web/dist only when a source it is built from (web/src, web's index.html,
// Vite config and package.json, the shared contracts) is newer than the last build, and says which it did.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'web/dist/index.html');
const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/vite.ssr.config.ts', 'web/vite-sidebar.ts', 'web/vite-precompress.ts', 'web/package.json', 'web/tsconfig.json', 'packages/contracts/src'];

/** The newest modification time under `p` (a file or a folder), 0 when it does not exist. */
function newest(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((m, name) => Math.max(m, newest(path.join(p, name))), stat.mtimeMs);
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const changed = sources.find((s) => newest(path.join(root, s)) > builtAt);
if (builtAt > 0 && !changed && !process.argv.includes('--force')) {
  console.log('  Console: web/dist is up to date, not rebuilt');
} else {
  const started = Date.now();
  console.log(`  Console: building web/dist (${builtAt ? `${changed} changed` : 'first build'}) …`);
  const r = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`  Console: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
