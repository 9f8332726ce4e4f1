// `npm start`'s console build: rebuilds web/dist only when a source it is built from (web/src, web's index.html,
// Vite config and package.json, the shared contracts) is newer than the last build, and says which it did.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { staleBuild } from './stale-build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'web/dist/index.html');
const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/vite.ssr.config.ts', 'web/vite-sidebar.ts', 'web/vite-precompress.ts', 'web/package.json', 'web/tsconfig.json', 'packages/contracts/src'];

const { builtAt, changed } = staleBuild(root, built, sources);
if (builtAt > 0 && !changed && !process.argv.includes('--force')) {
  console.log('  Console: web/dist is up to date, not rebuilt');
} else {
  const started = Date.now();
  console.log(`  Console: building web/dist (${builtAt ? `${changed} changed` : 'first build'}) …`);
  const r = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`  Console: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
