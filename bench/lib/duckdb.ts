import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// DuckDB is the comparison engine for the segment benchmark only. Its npm package lists native builds for every
// platform as optional dependencies, which breaks `npm ci` wherever the registry lacks some of them, so it is not
// a declared dependency: the benchmark installs it on first use without touching package.json or the lockfile.
const PACKAGE = '@duckdb/node-api@1.5.6-r.1';

type DuckConnection = {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  closeSync(): void;
};
export type DuckModule = { DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckConnection> }> } };

export async function loadDuckDB(): Promise<DuckModule> {
  const name = '@duckdb/node-api';
  try {
    return (await import(name)) as DuckModule;
  } catch {
    console.log(`installing ${PACKAGE} for the DuckDB comparison (not saved to package.json)…`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', PACKAGE], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: 'inherit',
    });
    // The failed import above is cached by specifier: load the fresh install by its file URL.
    const entry = createRequire(import.meta.url).resolve(name);
    return (await import(pathToFileURL(entry).href)) as DuckModule;
  }
}
