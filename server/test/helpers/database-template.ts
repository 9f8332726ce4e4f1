// Vitest global set-up: builds one migrated database per run that every test app starts from as a copy, instead of
// each test file paying for its own initdb (≈10 s in PGlite's WebAssembly) and all migrations. The migrations still
// run, once per run, from the same code; a test that opens its own data directory or database later migrates as before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory to copy (PGlite lane). */
    pgliteTemplate: string;
    /** A migrated database on DATABASE_URL's server to create databases from (PostgreSQL lane). */
    postgresTemplate: string;
  }
}

let removeTemplate: () => Promise<void> = async () => {};

export async function setup(project: TestProject): Promise<void> {
  const admin = process.env.DATABASE_URL;
  if (admin) {
    const name = `siyu_template_${randomBytes(5).toString('hex')}`;
    await adminQuery(admin, `CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    await migrated({ databaseUrl: url.toString(), dataDir: '' });
    removeTemplate = () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    project.provide('postgresTemplate', name);
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-template-'));
  await migrated({ databaseUrl: '', dataDir });
  removeTemplate = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  project.provide('pgliteTemplate', dataDir);
}

export async function teardown(): Promise<void> {
  await removeTemplate();
}

async function migrated(config: { databaseUrl: string; dataDir: string }): Promise<void> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
}

async function adminQuery(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
