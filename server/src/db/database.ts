import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import { PGlitePool } from './pglite-pool';
import type { DB } from './schema';

export const APP_ROLE = 'siyu_app';

export type Database = {
  kind: 'pglite' | 'postgres';
  // Runs as the RLS-bound application role: tenant rows are visible only inside withCorp().
  db: Kysely<DB>;
  // The same role on connections of their own, for writes a caller is waiting on right now (WeCom callbacks into the
  // inbox): background work (the inbox worker's lanes, effects, jobs) can take every connection of `db`, never these.
  // PGlite has one connection: the same as `db` there.
  ingestDb: Kysely<DB>;
  // Runs as the schema owner: migrations and the job queue only.
  ownerSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
};

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'pgliteInitdbTemplate'>>): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPGlite(config.dataDir, config.pgliteInitdbTemplate);
}

async function openPGlite(dataDir: string, initdbTemplate?: string): Promise<Database> {
  const pool = await PGlitePool.open(dataDir, initdbTemplate);
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: { connect: () => pool.connect(APP_ROLE), end: async () => {} } as never }),
  });
  return {
    kind: 'pglite',
    db,
    ingestDb: db,
    ownerSql: (text, values) => pool.executeSql(text, values ?? []),
    close: async () => {
      await db.destroy();
      await pool.end();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const owner = new pg.Pool({ connectionString: url, max: 4 });
  const app = new pg.Pool({ connectionString: url, max: 16 });
  const ingest = new pg.Pool({ connectionString: url, max: 3 });
  // An idle connection closed by the server (restart, failover) must not take the process down.
  for (const pool of [owner, app, ingest]) pool.on('error', () => {});
  for (const pool of [app, ingest]) {
    pool.on('connect', (client) => {
      // JIT compilation costs more than it saves on the app's queries (≈0.4 s on a 1M-customer segment count).
      client.query(`SET ROLE ${APP_ROLE}; SET jit = off`).catch(() => client.release(new Error('cannot assume application role')));
    });
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: app }) });
  const ingestDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: ingest }) });
  return {
    kind: 'postgres',
    db,
    ingestDb,
    ownerSql: async (text, values) => {
      const res = await owner.query(text, values ?? []);
      const last = Array.isArray(res) ? res[res.length - 1] : res;
      return { rows: last?.rows ?? [] };
    },
    close: async () => {
      await db.destroy();
      await ingestDb.destroy();
      await owner.end();
    },
  };
}
