import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';

// With DATABASE_URL set (the PostgreSQL lane), each test gets a fresh database on that server; otherwise PGlite.
// Both start as a copy of the run's migrated template when there is one (database-template.ts).
export async function freshDatabaseUrl(): Promise<{ url: string | null; drop(): Promise<void> }> {
  const admin = process.env.DATABASE_URL;
  if (!admin) return { url: null, drop: async () => {} };
  const name = `siyu_t_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const template: string | undefined = inject('postgresTemplate');
  await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
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

/** A PGlite data directory that is still empty starts as a copy of the run's migrated template. */
export function fromPgliteTemplate(dataDir: string): void {
  const template: string | undefined = inject('pgliteTemplate');
  if (template && fs.existsSync(dataDir) && fs.readdirSync(dataDir).length === 0) fs.cpSync(template, dataDir, { recursive: true });
}
