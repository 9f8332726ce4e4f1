// A new embedded-database directory starts as a copy of the initdb template `npm start` makes in a process of its own
// (scripts/pglite-initdb.mjs), not by running initdb inside the server: the copy is the template's cluster (the same
// system identifier), a directory that already holds a cluster is left alone, and a copy cut short is redone. The
// run's migrated test template stands in for the initdb one here (any cluster will do).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/database';

async function opened<T>(dataDir: string, template: string, read: (sql: (text: string) => Promise<unknown[]>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: '', dataDir, pgliteInitdbTemplate: template });
  try {
    return await read(async (text) => (await database.ownerSql(text)).rows);
  } finally {
    await database.close();
  }
}

const systemId = (sql: (text: string) => Promise<unknown[]>) =>
  sql('SELECT system_identifier::text AS id FROM pg_control_system()').then((rows) => (rows[0] as { id: string }).id);

describe.skipIf(!!process.env.DATABASE_URL)('PGlite: a new data directory from the initdb template', () => {
  let work = '';
  let template = '';
  let templateId = '';

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-initdb-template-'));
    template = path.join(work, 'template');
    // A private copy: the run's template is shared by every test file.
    fs.cpSync(inject('pgliteTemplate'), template, { recursive: true });
    templateId = await opened(template, path.join(work, 'none'), systemId);
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('opens a directory that does not exist yet as a copy of the template', async () => {
    const dataDir = path.join(work, 'new', 'data');
    const id = await opened(dataDir, template, systemId);
    expect(id).toBe(templateId);
    expect(fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8')).toBe(fs.readFileSync(path.join(template, 'PG_VERSION'), 'utf8'));
  });

  it('leaves a directory that already holds a cluster as it is', async () => {
    const dataDir = path.join(work, 'kept');
    await opened(dataDir, template, (sql) => sql('CREATE TABLE kept_here (note text); INSERT INTO kept_here VALUES ($$written before$$)'));
    const rows = await opened(dataDir, template, (sql) => sql('SELECT note FROM kept_here'));
    expect(rows).toEqual([{ note: 'written before' }]);
  });

  it('redoes a copy that was cut short (no PG_VERSION yet, a file half written)', async () => {
    const dataDir = path.join(work, 'cut');
    fs.cpSync(template, dataDir, { recursive: true, filter: (source) => path.basename(source) !== 'PG_VERSION' });
    fs.truncateSync(path.join(dataDir, 'global', 'pg_control'), 100);
    const id = await opened(dataDir, template, systemId);
    expect(id).toBe(templateId);
  });
});
