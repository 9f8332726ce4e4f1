// Whether a build output is older than any of its sources: `npm start` rebuilds the console and the server bundle
// only then (scripts/build-web-if-changed.mts, scripts/build-server-if-changed.mjs). Plain JavaScript: node runs it
// without a TypeScript loader.
import fs from 'node:fs';
import path from 'node:path';

/** The newest modification time under `p` (a file or a folder), 0 when it does not exist. */
function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((m, name) => Math.max(m, newest(path.join(p, name))), stat.mtimeMs);
}

/**
 * When `output` (a file) was built, 0 if never, and the first of `sources` (paths under `root`) changed since, if any.
 * @param {string} root
 * @param {string} output
 * @param {readonly string[]} sources
 * @returns {{ builtAt: number; changed: string | undefined }}
 */
export function staleBuild(root, output, sources) {
  const builtAt = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
  return { builtAt, changed: sources.find((s) => newest(path.join(root, s)) > builtAt) };
}
