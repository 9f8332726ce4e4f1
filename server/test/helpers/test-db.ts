import { randomBytes } from 'node:crypto';
import pg from 'pg';

// With DATABASE_URL set (the PostgreSQL lane), each test gets a fresh database on that server; otherwise PGlite.
export async function freshDatabaseUrl(): Promise<{ url: string | null; drop(): Promise<void> }> {
  const admin = process.env.DATABASE_URL;
  if (!admin) return { url: null, drop: async () => {} };
  const name = `siyu_t_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
