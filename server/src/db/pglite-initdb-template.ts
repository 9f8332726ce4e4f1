import fs from 'node:fs/promises';
import path from 'node:path';

const VERSION_FILE = 'PG_VERSION';

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Starts a new data directory as a copy of `template` (an empty cluster made by scripts/pglite-initdb.mjs, in a process
 * of its own), so that PGlite opens it instead of running initdb in this process: a fresh start then peaks near a warm
 * one's memory. PG_VERSION, which tells PGlite a cluster is there, is copied last: a copy cut short is redone at the
 * next start. Returns false, and leaves the directory alone, when it already holds a cluster or there is no template.
 */
export async function copyInitdbTemplate(dataDir: string, template: string): Promise<boolean> {
  if (await exists(path.join(dataDir, VERSION_FILE))) return false;
  if (!(await exists(path.join(template, VERSION_FILE)))) return false;
  await fs.cp(template, dataDir, { recursive: true, force: true, filter: (source) => source !== path.join(template, VERSION_FILE) });
  await fs.copyFile(path.join(template, VERSION_FILE), path.join(dataDir, VERSION_FILE));
  return true;
}
