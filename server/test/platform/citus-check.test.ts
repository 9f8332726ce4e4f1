// `npm run check:citus` (scripts/check-citus.ts) on a database the app migrated: every tenant key leads with corp_id
// (the last two, public token lookups, since migration 0044), and fixture tables that break each rule are caught by
// name, the script exiting 1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { checkCitus } from '../../../scripts/check-citus';
import { freshDatabaseUrl, fromPgliteTemplate } from '../helpers/test-db';

const root = path.resolve(import.meta.dirname, '../../..');

const FIXTURE = `
CREATE TABLE citus_fixture_parent (corp_id text NOT NULL, id uuid NOT NULL, PRIMARY KEY (corp_id, id), UNIQUE (id));
ALTER TABLE citus_fixture_parent ENABLE ROW LEVEL SECURITY;
CREATE TABLE citus_fixture (
  corp_id text NOT NULL, id uuid NOT NULL, email text, parent uuid REFERENCES citus_fixture_parent (id),
  PRIMARY KEY (id, corp_id), UNIQUE (email));
ALTER TABLE citus_fixture ENABLE ROW LEVEL SECURITY;
CREATE TABLE citus_fixture_no_rls (corp_id text NOT NULL, id uuid PRIMARY KEY);
CREATE TABLE citus_fixture_ref (id int PRIMARY KEY, corp_id_of text, parent uuid,
  FOREIGN KEY (corp_id_of, parent) REFERENCES citus_fixture_parent (corp_id, id));`;

describe('check:citus: the schema is distributable by corp_id', () => {
  let dataDir = '';
  let url: string | null = null;
  let drop: () => Promise<void> = async () => {};
  let database: Database;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl();
    url = fresh.url;
    drop = fresh.drop;
    if (!url) {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-citus-test-'));
      fromPgliteTemplate(dataDir);
    }
    database = await openDatabase({ databaseUrl: url ?? '', dataDir });
  });
  afterAll(async () => {
    await database?.close().catch(() => undefined);
    await drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('every tenant primary key, unique key and foreign key leads with corp_id', async () => {
    const report = await checkCitus((text) => database.ownerSql(text));
    expect(report.tenantTables).toContain('customers');
    expect(report.tenantTables).toContain('events');
    expect(report.referenceTables).toEqual(expect.arrayContaining(['corps', 'users', 'sessions']));
    expect(report.referenceTables).not.toContain('customers');
    expect(report.violations).toEqual([]);
  });

  it('a fixture that breaks each rule is caught by name, and the script exits 1', async () => {
    await database.ownerSql(FIXTURE);
    const report = await checkCitus((text) => database.ownerSql(text));
    const fixture = report.violations.filter((v) => v.startsWith('citus_fixture'));
    expect(fixture).toEqual([
      'citus_fixture_no_rls: has corp_id but no row-level security (make it a tenant table, or name it in GLOBAL_WITH_CORP)',
      expect.stringMatching(/^citus_fixture: unique index citus_fixture_email_key does not lead with corp_id/),
      expect.stringMatching(/^citus_fixture: primary key citus_fixture_pkey does not lead with corp_id/),
      expect.stringMatching(/^citus_fixture_parent: unique index citus_fixture_parent_id_key does not lead with corp_id/),
      expect.stringMatching(/^citus_fixture: foreign key citus_fixture_parent_fkey to tenant table citus_fixture_parent does not pair corp_id first/),
      expect.stringMatching(/^citus_fixture_ref: reference table with foreign key .* to tenant table citus_fixture_parent/),
    ]);
    if (!url) await database.close(); // one process at a time on a PGlite directory
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/check-citus.ts'], {
        cwd: root,
        stdio: 'pipe',
        env: { ...process.env, DATABASE_URL: url ?? '', SIYU_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      });
    } catch (err) {
      const e = err as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr).toContain('citus_fixture: primary key citus_fixture_pkey does not lead with corp_id');
  });
});
