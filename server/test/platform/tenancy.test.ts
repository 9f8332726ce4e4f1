import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { createCorpWithRoles, startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await createCorpWithRoles(app, 'rls_a');
  await createCorpWithRoles(app, 'rls_b');
  for (const corp of ['rls_a', 'rls_b']) {
    await withCorp(app.ctx.db, corp, (tx) =>
      tx.insertInto('staff').values([1, 2, 3].map((i) => ({ corp_id: corp, userid: `s${i}`, name: `${corp}-${i}`, mobile: null }))).execute(),
    );
  }
});
afterAll(async () => app?.cleanup());

describe('row-level security', () => {
  it('connects as a role that can neither bypass RLS nor is superuser', async () => {
    const who = await sql<{ u: string; bypass: boolean; su: boolean }>`
      select current_user as u, rolbypassrls as bypass, rolsuper as su from pg_roles where rolname = current_user`.execute(app.ctx.db);
    expect(who.rows[0]).toEqual({ u: 'siyu_app', bypass: false, su: false });
  });

  it('sees nothing without the corp setting', async () => {
    expect(await app.ctx.db.selectFrom('staff').selectAll().execute()).toEqual([]);
    expect(await app.ctx.db.selectFrom('memberships').selectAll().execute()).toEqual([]);
    expect(await app.ctx.db.selectFrom('corps').selectAll().execute()).toEqual([]);
    const all = await app.ctx.database.ownerSql('SELECT count(*)::int AS n FROM staff');
    expect((all.rows[0] as { n: number }).n).toBe(6);
  });

  it('sees only its own corp with the setting, even when asking for another', async () => {
    const rows = await withCorp(app.ctx.db, 'rls_a', (tx) => tx.selectFrom('staff').select(['corp_id', 'name']).execute());
    expect(rows.map((r) => r.corp_id)).toEqual(['rls_a', 'rls_a', 'rls_a']);
    const other = await withCorp(app.ctx.db, 'rls_a', (tx) => tx.selectFrom('staff').selectAll().where('corp_id', '=', 'rls_b').execute());
    expect(other).toEqual([]);
  });

  it('cannot write a row into another corp', async () => {
    await expect(
      withCorp(app.ctx.db, 'rls_a', (tx) => tx.insertInto('staff').values({ corp_id: 'rls_b', userid: 'intruder', name: 'x', mobile: null }).execute()),
    ).rejects.toThrow(/row-level security/);
    const updated = await withCorp(app.ctx.db, 'rls_a', (tx) => tx.updateTable('staff').set({ name: 'hacked' }).where('corp_id', '=', 'rls_b').executeTakeFirst());
    expect(Number(updated.numUpdatedRows)).toBe(0);
  });
});
