// A fresh database on a PostgreSQL server for one benchmark run, and its removal afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type BenchDatabase = {
  /** The server's URL with this database's name. */
  url: string;
  /** Drops the database (connections still open to it are ended), unless `keep`; closes the admin connection. */
  release(opts?: { keep?: boolean }): Promise<void>;
};

export async function createBenchDatabase(serverUrl: string, prefix = 'siyu_bench'): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    await admin.end().catch(() => undefined);
    throw err;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    release: async (opts = {}) => {
      if (!opts.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    },
  };
}
