// A WeCom change and its local write succeed together or not at all: a name WeCom would refuse is refused before
// WeCom is called, and a local write that fails after WeCom accepted the change is undone in WeCom (tags, group
// codes), so Siyu and WeCom (the sandbox) never disagree after a failed request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { runSync, settle, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwhalfwrite001';
let h: Harness;
let chatId: string;

type SbState = {
  tag_groups: Array<{ group_id: string; group_name: string; tag: Array<{ id: string; name: string }> }>;
  join_ways: Array<{ config_id: string; state: string }>;
};
const sbState = () => h.sb<SbState>(`/sandbox/corps/${CORP}/state`);
const sql = (text: string) => h.app.ctx.database.ownerSql(text, []);

beforeAll(async () => {
  h = await startHarness(CORP);
  await h.sb(`/sandbox/corps/${CORP}/population`, { seed: 'half', staff: 2, customers: 4, groups: 1 });
  expect((await runSync(h, 'sync')).status).toBe('done');
  const s = await h.sb<{ groups: Array<{ chat_id: string }> }>(`/sandbox/corps/${CORP}/state`);
  chatId = s.groups[0].chat_id;
  // Stand-ins for a local write that fails after WeCom accepted the change.
  await sql(`CREATE FUNCTION half_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'local write failed'; END $$`);
  await sql(`CREATE TRIGGER half_tags BEFORE INSERT OR UPDATE ON tags FOR EACH ROW WHEN (NEW.name LIKE 'explode%') EXECUTE FUNCTION half_fail()`);
  await sql(`CREATE TRIGGER half_codes BEFORE INSERT OR UPDATE ON group_codes FOR EACH ROW WHEN (NEW.name LIKE 'explode%') EXECUTE FUNCTION half_fail()`);
}, 120_000);

afterAll(async () => h?.close());

describe('tags', () => {
  it('a blank or BOM-only name is a 400 before WeCom is asked', async () => {
    const before = await sbState();
    for (const name of ['   ', '\uFEFF', '\u200B \u3000']) {
      const created = await h.api<{ code: string }>('POST', '/api/tags', { groupName: name, tags: ['a'] });
      expect(created.status, name).toBe(400);
      const tag = await h.api<{ code: string }>('POST', '/api/tags', { groupName: '正常组', tags: [name] });
      expect(tag.status, name).toBe(400);
    }
    const dup = await h.api<{ code: string }>('POST', '/api/tags', { groupName: '重复', tags: ['a', 'a'] });
    expect(dup.status).toBe(409);
    expect(await sbState()).toEqual(before);
  });

  it('a rename whose local write fails leaves the WeCom tag as it was', async () => {
    const created = await h.api<{ groupId: string; tags: Array<{ tagId: string; name: string }> }>('POST', '/api/tags', { groupName: '会员', tags: ['金卡'] });
    expect(created.status).toBe(201);
    const tagId = created.body.tags[0].tagId;
    const res = await h.api('PATCH', `/api/tags/${tagId}`, { name: 'explode-1' });
    expect(res.status).toBe(500);
    const remote = (await sbState()).tag_groups.flatMap((g) => g.tag).find((t) => t.id === tagId);
    expect(remote?.name).toBe('金卡');
    const local = await withCorp(h.app.ctx.db, CORP, (tx) => tx.selectFrom('tags').select('name').where('corp_id', '=', CORP).where('tag_id', '=', tagId).executeTakeFirstOrThrow());
    expect(local.name).toBe('金卡');
  });

  it('a new tag whose local write fails is removed from WeCom again', async () => {
    const before = await sbState();
    const res = await h.api('POST', '/api/tags', { groupName: '新组', tags: ['explode-2', '好'] });
    expect(res.status).toBe(500);
    expect(await sbState()).toEqual(before);
    const local = await withCorp(h.app.ctx.db, CORP, (tx) => tx.selectFrom('tag_groups').select('name').where('corp_id', '=', CORP).where('name', '=', '新组').execute());
    expect(local).toEqual([]);
  });
});

describe('group codes', () => {
  const localCodes = () => withCorp(h.app.ctx.db, CORP, (tx) => tx.selectFrom('group_codes').select(['name', 'config_id']).where('corp_id', '=', CORP).execute());

  it('a blank name is a 400 and nothing reaches WeCom', async () => {
    const before = (await sbState()).join_ways.length;
    const res = await h.api<{ code: string }>('POST', '/api/group-codes', { name: ' \uFEFF ', chatIds: [chatId] });
    expect(res.status).toBe(400);
    expect((await sbState()).join_ways).toHaveLength(before);
  });

  it('a local write that fails leaves no join way in WeCom', async () => {
    const before = (await sbState()).join_ways.length;
    const res = await h.api('POST', '/api/group-codes', { name: 'explode-3', chatIds: [chatId] });
    expect(res.status).toBe(500);
    expect((await sbState()).join_ways).toHaveLength(before);
    expect(await localCodes()).toEqual([]);
  });

  it('a WeCom failure after add_join_way deletes the join way again', async () => {
    const before = (await sbState()).join_ways.length;
    await h.sb('/sandbox/faults', { corp_id: CORP, api: 'externalcontact/groupchat/get_join_way', errcode: 40058, times: 1 });
    const res = await h.api('POST', '/api/group-codes', { name: '福利群', chatIds: [chatId] });
    expect(res.status).toBe(422);
    expect((await sbState()).join_ways).toHaveLength(before);
    expect(await localCodes()).toEqual([]);
    // and the next try works
    const ok = await h.api<{ configId: string }>('POST', '/api/group-codes', { name: '福利群', chatIds: [chatId] });
    expect(ok.status).toBe(201);
    expect((await sbState()).join_ways.map((w) => w.config_id)).toContain(ok.body.configId);
    await settle(h);
  });

  it('an update whose local write fails puts the join way back', async () => {
    const code = await h.api<{ id: string; configId: string }>('POST', '/api/group-codes', { name: '原名', chatIds: [chatId], roomBaseName: '原群' });
    expect(code.status).toBe(201);
    const res = await h.api('PUT', `/api/group-codes/${code.body.id}`, { name: 'explode-4', chatIds: [chatId], roomBaseName: '新群' });
    expect(res.status).toBe(500);
    const way = (await sbState()).join_ways.find((w) => w.config_id === code.body.configId) as unknown as { remark: string; room_base_name: string };
    expect(way).toMatchObject({ remark: '原名', room_base_name: '原群' });
  });
});
