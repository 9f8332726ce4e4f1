import type { Database } from './database';
import { migrations } from './migrations';

export async function migrate(database: Database, list = migrations): Promise<string[]> {
  await database.ownerSql(`CREATE TABLE IF NOT EXISTS siyu_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await database.ownerSql(`SELECT id FROM siyu_migrations`);
  const done = new Set((rows as Array<{ id: string }>).map((r) => r.id));
  const applied: string[] = [];
  for (const m of list) {
    if (done.has(m.id)) continue;
    const id = m.id.replace(/'/g, "''");
    await database.ownerSql(
      `BEGIN;\n${m.sql}\nGRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO siyu_app;\nINSERT INTO siyu_migrations (id) VALUES ('${id}');\nCOMMIT;`,
    );
    applied.push(m.id);
  }
  return applied;
}
