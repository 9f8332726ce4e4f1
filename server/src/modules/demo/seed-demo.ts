import { DEMO_CORP, mulberry32 } from '@siyu/sandbox';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { countUsers, createCorpWithAdmin, hashPassword } from '../auth';
import { addCorpUser } from '../users';

export const DEMO_CORP_ID = DEMO_CORP.corpid;
export const DEMO_LOGIN = { email: 'admin@demo.siyu.local', password: 'siyu-demo-2026' };

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平'];
const CHANNELS = ['poster_mall', 'store_sh01', 'live_1111', 'wechat_ad', 'referral'];


// On a fresh install: a demo corp with one login per role. With the sandbox off, staff and customers are written
// directly (spread over the last 30 days); with it on, they arrive by full sync from the sandbox.
export async function seedDemo(ctx: AppContext): Promise<{ email: string; password: string } | null> {
  const { db } = ctx;
  if ((await countUsers(db)) > 0) {
    const exists = await withCorp(db, DEMO_CORP_ID, (tx) => tx.selectFrom('corps').select('id').where('id', '=', DEMO_CORP_ID).executeTakeFirst());
    return exists ? DEMO_LOGIN : null;
  }
  const passwordHash = await hashPassword(DEMO_LOGIN.password);
  await createCorpWithAdmin(db, {
    corpId: DEMO_CORP_ID,
    corpName: '示例零售 Demo Retail',
    email: DEMO_LOGIN.email,
    name: '演示管理员',
    passwordHash,
    isDemo: true,
  });
  const random = mulberry32(20261122);
  const name = () => SURNAMES[Math.floor(random() * SURNAMES.length)] + GIVEN[Math.floor(random() * GIVEN.length)];
  await withCorp(db, DEMO_CORP_ID, async (tx) => {
    for (const [role, email] of [
      ['operator', 'operator@demo.siyu.local'],
      ['analyst', 'analyst@demo.siyu.local'],
      ['staff', 'staff@demo.siyu.local'],
    ] as const) {
      await addCorpUser(tx, { corpId: DEMO_CORP_ID, email, name: `演示${role}`, passwordHash, role, staffUserid: role === 'staff' ? 'staff001' : null });
    }
    if (ctx.config.sandbox) return;
    const staff = ['staff001', ...Array.from({ length: 11 }, (_, i) => `staff${String(i + 2).padStart(3, '0')}`)];
    await tx
      .insertInto('staff')
      .values(staff.map((userid, i) => ({ corp_id: DEMO_CORP_ID, userid, name: i === 0 ? '张伟' : name(), mobile: null, is_follow_user: true })))
      .execute();
    const now = Date.now();
    const customers = Array.from({ length: 240 }, (_, i) => ({
      corp_id: DEMO_CORP_ID,
      external_userid: `wmdemo${String(i).padStart(6, '0')}`,
      name: name(),
      avatar: null,
      type: 1,
      gender: random() < 0.6 ? 2 : 1,
      unionid: null,
      phone: `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      corp_name: null,
    }));
    const inserted = await tx.insertInto('customers').values(customers).returning(['id']).execute();
    await tx
      .insertInto('follows')
      .values(
        inserted.map((c, i) => ({
          corp_id: DEMO_CORP_ID,
          customer_id: c.id,
          staff_userid: staff[i % staff.length],
          remark: null,
          description: null,
          add_way: 1,
          state: CHANNELS[Math.floor(random() * CHANNELS.length)],
          oper_userid: null,
          followed_at: new Date(now - Math.floor(random() * 30 * 86400_000)),
        })),
      )
      .execute();
    await tx
      .insertInto('groups')
      .values(Array.from({ length: 6 }, (_, i) => ({ corp_id: DEMO_CORP_ID, chat_id: `wrdemo${i}`, name: `会员福利群 ${i + 1}`, owner_userid: staff[i], notice: null, member_count: 40 + i * 17 })))
      .execute();
  });
  ctx.logger.info({ corp: DEMO_CORP_ID }, 'demo corp created');
  return DEMO_LOGIN;
}
