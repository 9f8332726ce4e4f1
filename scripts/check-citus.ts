// `npm run check:citus`: proves from the catalog of a database the app migrated that the schema can be distributed by
// corp_id on Citus (DESIGN.md "Scale-out path"). A tenant table is one walled by row-level security with a corp_id
// column; on Citus it is distributed by corp_id, so its primary key, every unique constraint or index and every
// exclusion constraint must lead with corp_id, and a foreign key to another tenant table must pair corp_id with
// corp_id first. Every other table is a reference table (copied to every node): listed by name, it may not reference
// a tenant table, and it may carry a corp_id only when named in GLOBAL_WITH_CORP (a table that forgot its RLS fails).
// Database: DATABASE_URL when set, else the PGlite directory SIYU_DATA_DIR when set, else a new PGlite directory;
// migrated first, as the app does at start-up. Exits 1 on a violation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/src/db/database';
import { migrate } from '../server/src/db/migrate';

/** Global tables that carry a corp as data, not as their tenant: a console session holds the corp it is signed in to. */
export const GLOBAL_WITH_CORP = ['sessions'];
/** The tenants themselves (keyed by id, walled by RLS on id): a small reference table every tenant table points to. */
export const TENANT_ROOT = 'corps';

export type Query = (text: string) => Promise<{ rows: unknown[] }>;
export type CitusReport = { tenantTables: string[]; referenceTables: string[]; violations: string[] };

const TABLES = `
  SELECT c.relname AS name, c.relrowsecurity AS rls,
         EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'corp_id' AND NOT a.attisdropped) AS "corpId"
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
   ORDER BY c.relname`;

// Unique indexes cover primary keys and unique constraints too; the first key column (0 for an expression).
const UNIQUE_INDEXES = `
  SELECT t.relname AS "table", i.relname AS "index", x.indisprimary AS primary,
         coalesce((SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = x.indkey[0]), '(expression)') AS first,
         pg_get_indexdef(x.indexrelid) AS def
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE n.nspname = 'public' AND x.indisunique AND t.relkind IN ('r', 'p')
   ORDER BY t.relname, i.relname`;

const CONSTRAINTS = `
  SELECT k.conname AS name, k.contype AS type, src.relname AS "table", dst.relname AS "references",
         (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = k.conkey[1]) AS first,
         (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attnum = k.confkey[1]) AS "referencedFirst",
         pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k
    JOIN pg_class src ON src.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = src.relnamespace
    LEFT JOIN pg_class dst ON dst.oid = k.confrelid
   WHERE n.nspname = 'public' AND k.contype IN ('f', 'x')
   ORDER BY src.relname, k.conname`;

export async function checkCitus(query: Query): Promise<CitusReport> {
  const tables = (await query(TABLES)).rows as Array<{ name: string; rls: boolean; corpId: boolean }>;
  const tenant = new Set(tables.filter((t) => t.rls && t.corpId).map((t) => t.name));
  const violations: string[] = [];
  for (const t of tables) {
    if (t.rls && !t.corpId && t.name !== TENANT_ROOT) violations.push(`${t.name}: row-level security without a corp_id column`);
    if (!t.rls && t.corpId && !GLOBAL_WITH_CORP.includes(t.name))
      violations.push(`${t.name}: has corp_id but no row-level security (make it a tenant table, or name it in GLOBAL_WITH_CORP)`);
  }
  for (const ix of (await query(UNIQUE_INDEXES)).rows as Array<{ table: string; index: string; primary: boolean; first: string; def: string }>) {
    if (tenant.has(ix.table) && ix.first !== 'corp_id')
      violations.push(`${ix.table}: ${ix.primary ? 'primary key' : 'unique index'} ${ix.index} does not lead with corp_id (${ix.def})`);
  }
  for (const k of (await query(CONSTRAINTS)).rows as Array<{ name: string; type: string; table: string; references: string | null; first: string; referencedFirst: string | null; def: string }>) {
    if (k.type === 'x') {
      if (tenant.has(k.table) && k.first !== 'corp_id')
        violations.push(`${k.table}: exclusion constraint ${k.name} does not lead with corp_id (${k.def})`);
      continue;
    }
    const fromTenant = tenant.has(k.table);
    const toTenant = k.references !== null && tenant.has(k.references);
    if (fromTenant && toTenant && (k.first !== 'corp_id' || k.referencedFirst !== 'corp_id'))
      violations.push(`${k.table}: foreign key ${k.name} to tenant table ${k.references} does not pair corp_id first (${k.def})`);
    if (!fromTenant && toTenant)
      violations.push(`${k.table}: reference table with foreign key ${k.name} to tenant table ${k.references} (${k.def})`);
  }
  return {
    tenantTables: tables.filter((t) => tenant.has(t.name)).map((t) => t.name),
    referenceTables: tables.filter((t) => !tenant.has(t.name)).map((t) => t.name),
    violations,
  };
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || '';
  const temp = !url && !process.env.SIYU_DATA_DIR ? fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-citus-')) : null;
  const database = await openDatabase({ databaseUrl: url, dataDir: temp ?? process.env.SIYU_DATA_DIR ?? '' });
  try {
    await migrate(database);
    const report = await checkCitus((text) => database.ownerSql(text));
    console.log(`database: ${url ? 'DATABASE_URL (PostgreSQL)' : 'PGlite'}, migrated by the app`);
    console.log(`tenant tables, distributed by corp_id (${report.tenantTables.length}): ${report.tenantTables.join(', ')}`);
    console.log(`reference tables, copied to every node (${report.referenceTables.length}): ${report.referenceTables.join(', ')}`);
    if (report.violations.length === 0) {
      console.log('every tenant primary key, unique key and foreign key leads with corp_id: distributable by corp_id');
      return;
    }
    console.error(`${report.violations.length} violation(s):`);
    for (const v of report.violations) console.error(`  ${v}`);
    process.exitCode = 1;
  } finally {
    await database.close();
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
