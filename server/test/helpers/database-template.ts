// Vitest global set-up: builds one migrated database per run that every test app starts from as a copy, instead of
// each test file paying for its own initdb (≈10 s in PGlite's WebAssembly) and all migrations. The migrations still
// run, once per run, from the same code; a test that opens its own data directory or database later migrates as before.
// The template has also met one app start, so the job queue's schema and every queue (33 today, dead-letter queues
// included, a partition table each) are there: an app start then finds them instead of creating them, which was a
// third of each test app's start at load ~9 (1.2–3.3 s of it). The jobs and schedules that start left behind are removed, and the template is checked
// to hold no row of Siyu's own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import pino from 'pino';
import { createSiyu } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';

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
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-template-work-'));
  try {
    const siyu = await createSiyu(
      loadConfig({ SIYU_DATA_DIR: config.dataDir || workDir, DATABASE_URL: config.databaseUrl, PORT: '0', SIYU_DEMO: 'false', SIYU_SANDBOX: 'false', LOG_LEVEL: 'silent' }),
      { logger: pino({ level: 'silent' }) },
    );
    await siyu.stop();
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  const database = await openDatabase(config);
  try {
    await database.ownerSql('TRUNCATE pgboss.job, pgboss.schedule');
    const { rows } = await database.ownerSql(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
        WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'siyu_migrations' AND NOT c.relispartition`,
    );
    const left: string[] = [];
    for (const { name } of rows as Array<{ name: string }>) {
      const counted = await database.ownerSql(`SELECT count(*)::int AS n FROM public."${name}"`);
      const n = (counted.rows[0] as { n: number }).n;
      if (n > 0) left.push(`${name} ${n}`);
    }
    if (left.length) throw new Error(`the template database holds rows after an app start: ${left.join(', ')}`);
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
