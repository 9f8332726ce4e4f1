import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { upsertCustomers, upsertFollows } from '../../src/modules/wecom/sync.repo';
import { createCorpWithRoles, startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await createCorpWithRoles(app, 'dup_follows');
});
afterAll(async () => app?.cleanup());

describe('follow upserts', () => {
  it('accept a page that repeats a follow (customers added while WeCom is paged) and keep the last copy', async () => {
    const follow = { ext: 'wm_dup', userid: 's1', remark: 'first', description: null, createtime: 1_700_000_000, tag_ids: [], remark_corp_name: null, remark_mobiles: [], oper_userid: null, add_way: 1, state: 'a' };
    const rows = await withCorp(app.ctx.db, 'dup_follows', async (tx) => {
      await upsertCustomers(tx, 'dup_follows', [{ external_userid: 'wm_dup', name: '重复', avatar: null, type: 1, gender: 1, unionid: null, corp_name: null }]);
      await upsertFollows(tx, 'dup_follows', [follow, { ...follow, remark: 'second' }]);
      return tx.selectFrom('follows').select(['staff_userid', 'remark']).execute();
    });
    expect(rows).toEqual([{ staff_userid: 's1', remark: 'second' }]);
  });
});
