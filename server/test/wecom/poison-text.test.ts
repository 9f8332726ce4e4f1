// WeCom data is not ours to reject: a tag group whose name holds a NUL (created by staff in WeCom), or a customer
// name with a lone surrogate, is stored cleaned; one event that keeps failing is parked instead of holding the
// inbox back, and tag sync of the corp goes on.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { until } from '../helpers/until';
import { runSync, settle, startHarness, type Harness } from './harness';

const CORP = 'wwpoisontext01';
let h: Harness;

type TagTree = { groups: Array<{ groupId: string; name: string; tags: Array<{ tagId: string; name: string }> }> };
const localTags = async () => (await h.api<TagTree>('GET', '/api/tags')).body.groups;

/** Any write of a group with this name fails (a stand-in for an event the code cannot apply); returns the undo. */
async function poisonGroupsNamed(name: string, trigger: string): Promise<() => Promise<void>> {
  const sqlOf = h.app.ctx.database.ownerSql;
  await sqlOf(`CREATE OR REPLACE FUNCTION poison_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'poisoned row'; END $$`, []);
  await sqlOf(`CREATE TRIGGER ${trigger} BEFORE INSERT OR UPDATE ON groups FOR EACH ROW WHEN (NEW.name = '${name}') EXECUTE FUNCTION poison_fail()`, []);
  return async () => void (await sqlOf(`DROP TRIGGER ${trigger} ON groups`, []));
}

beforeAll(async () => {
  h = await startHarness(CORP);
  await h.sb(`/sandbox/corps/${CORP}/population`, { seed: 'poison', staff: 2, customers: 5, groups: 0 });
  expect((await runSync(h, 'sync')).status).toBe('done');
}, 120_000);

afterAll(async () => h?.close());

describe('strings WeCom sends', () => {
  it('a tag group named with a NUL arrives by callback, is stored cleaned, reconcile finishes and later tag changes still sync', async () => {
    const created = await h.sb<{ id: string }>(`/sandbox/corps/${CORP}/staff-tag-change`, {
      action: 'create',
      tag_type: 'tag_group',
      name: 'VIP\u0000客户',
      tags: ['金\u0000卡', 'bad\ud800'],
    });
    await settle(h);
    const group = (await localTags()).find((g) => g.groupId === created.id);
    expect(group?.name).toBe('VIP客户');
    expect(group?.tags.map((t) => t.name).sort()).toEqual(['bad\ufffd', '金卡'].sort());
    const failing = await withCorp(h.app.ctx.db, CORP, (tx) =>
      tx.selectFrom('wecom_inbox').select(['kind', 'error']).where('corp_id', '=', CORP).where('error', 'is not', null).execute(),
    );
    expect(failing).toEqual([]);

    const run = await runSync(h, 'reconcile');
    expect(run.status).toBe('done');

    // a later change in WeCom still reaches Siyu
    const later = await h.sb<{ id: string }>(`/sandbox/corps/${CORP}/staff-tag-change`, { action: 'create', tag_type: 'tag_group', name: '后来的组', tags: ['新'] });
    await settle(h);
    expect((await localTags()).find((g) => g.groupId === later.id)?.name).toBe('后来的组');
  });

  it('a customer name with a NUL and a lone surrogate is stored cleaned', async () => {
    const s = await h.sb<{ customers: Array<{ external_userid: string }>; follows: Array<{ external_userid: string; userid: string }> }>(`/sandbox/corps/${CORP}/state`);
    const f = s.follows[0];
    await h.sb(`/sandbox/corps/${CORP}/edit-customer`, { external_userid: f.external_userid, userid: f.userid, name: 'A\u0000B\udc00', remark: 'r\u0000' });
    await settle(h);
    const row = await withCorp(h.app.ctx.db, CORP, (tx) =>
      tx.selectFrom('customers').select('name').where('corp_id', '=', CORP).where('external_userid', '=', f.external_userid).executeTakeFirstOrThrow(),
    );
    expect(row.name).toBe('AB\ufffd');
  });

  it('an event that keeps failing is parked with its error and the events after it are applied', async () => {
    const undo = await poisonGroupsNamed('poison', 'poison');
    const s = await h.sb<{ staff: Array<{ userid: string }>; customers: Array<{ external_userid: string }> }>(`/sandbox/corps/${CORP}/state`);
    const owner = s.staff[0].userid;
    await h.sb(`/sandbox/corps/${CORP}/groups`, { owner, name: 'poison', members: [s.customers[0].external_userid] });
    await h.sandbox.flushCallbacks();
    // it failed at least once; pretend it already failed as often as the worker allows
    await until('the poison event failed once', async () => {
      const r = await withCorp(h.app.ctx.db, CORP, (tx) =>
        tx.selectFrom('wecom_inbox').select(['id', 'error']).where('corp_id', '=', CORP).where('kind', '=', 'chat_create').executeTakeFirst(),
      );
      return r?.error ? r : null;
    });
    await withCorp(h.app.ctx.db, CORP, (tx) =>
      sql`update wecom_inbox set attempts = 11, locked_until = null where corp_id = ${CORP} and kind = 'chat_create'`.execute(tx),
    );
    const next = await h.sb<{ id: string }>(`/sandbox/corps/${CORP}/staff-tag-change`, { action: 'create', tag_type: 'tag_group', name: '之后', tags: ['x'] });
    await settle(h);
    expect((await localTags()).some((g) => g.groupId === next.id)).toBe(true);
    const status = await h.api<{ inbox: { pending: number; parked: number; parkedEvents: Array<{ kind: string; error: string }> } }>('GET', '/api/wecom/status');
    expect(status.body.inbox.pending).toBe(0);
    expect(status.body.inbox.parked).toBe(1);
    expect(status.body.inbox.parkedEvents[0]).toMatchObject({ kind: 'chat_create' });
    expect(status.body.inbox.parkedEvents[0].error).toContain('poisoned row');
    await undo();
  });

  it('one failing event in the middle of a batch: every other event of the batch commits', async () => {
    const undo = await poisonGroupsNamed('poison mid', 'poison_mid');
    const s = await h.sb<{ staff: Array<{ userid: string }>; customers: Array<{ external_userid: string }> }>(`/sandbox/corps/${CORP}/state`);
    const owner = s.staff[0].userid;
    // Stored while the worker is stopped, so that the worker takes them as one batch: 4 adds, the group, 4 adds.
    await h.app.wecom.inbox.stop();
    const added: string[] = [];
    const addOne = async (name: string) => {
      const c = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name });
      await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: c.external_userid, userid: owner });
      added.push(c.external_userid);
    };
    for (let i = 0; i < 4; i++) await addOne(`批前${i}`);
    await h.sb(`/sandbox/corps/${CORP}/groups`, { owner, name: 'poison mid', members: [s.customers[0].external_userid] });
    for (let i = 0; i < 4; i++) await addOne(`批后${i}`);
    await h.sandbox.flushCallbacks();
    h.app.wecom.inbox.start();
    h.app.wecom.inbox.kick(CORP);
    const poison = await until('the batch applied around the failing event', async () => {
      const [customers, failed] = await withCorp(h.app.ctx.db, CORP, (tx) =>
        Promise.all([
          tx.selectFrom('customers').select('external_userid').where('corp_id', '=', CORP).where('external_userid', 'in', added).execute(),
          tx.selectFrom('wecom_inbox').select(['error', 'attempts']).where('corp_id', '=', CORP).where('kind', '=', 'chat_create').where('processed_at', 'is', null).where('error', 'is not', null).execute(),
        ]),
      );
      return customers.length === added.length && failed.length === 1 ? failed[0] : null;
    });
    expect(poison.error).toContain('poisoned row');
    expect(poison.attempts).toBe(1);
    await undo();
    await settle(h); // retried after its backoff, now without the trigger
  });

});
