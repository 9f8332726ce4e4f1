// `npm start`'s initdb: makes the embedded database's empty data directory (server/dist/pglite-initdb) once, in a
// process of its own, and the server copies it into a new data directory instead of running initdb itself. PGlite's
// initdb starts a second PostgreSQL instance and copies its whole heap: it took ~760 MiB at its peak and left the
// server's WebAssembly memory ~400 MiB larger for good (WebAssembly memory never shrinks). Remade when the
// dependencies change; not made when DATABASE_URL names a PostgreSQL server. Plain JavaScript, run by node itself.
import fs from 'node:fs';
import path from 'node:path';
import { staleBuild } from './stale-build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const template = path.join(root, 'server/dist/pglite-initdb');

const { builtAt, changed } = staleBuild(root, path.join(template, 'PG_VERSION'), ['package-lock.json']);
if (process.env.DATABASE_URL) {
  // PostgreSQL: nothing to make.
} else if (builtAt > 0 && !changed && !process.argv.includes('--force')) {
  console.log('  Database: the initdb template is up to date');
} else {
  const started = Date.now();
  const { PGlite } = await import('@electric-sql/pglite');
  const work = `${template}.${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(work), { recursive: true });
  const pglite = await PGlite.create(work);
  await pglite.close();
  fs.rmSync(template, { recursive: true, force: true });
  fs.renameSync(work, template);
  const peak = /^VmHWM:\s+(\d+) kB/m.exec(fs.existsSync('/proc/self/status') ? fs.readFileSync('/proc/self/status', 'utf8') : '');
  const memory = peak ? `, peak memory ${Math.round(Number(peak[1]) / 1024)} MiB` : '';
  console.log(`  Database: made the initdb template (server/dist/pglite-initdb) in ${((Date.now() - started) / 1000).toFixed(1)} s${memory}`);
}
