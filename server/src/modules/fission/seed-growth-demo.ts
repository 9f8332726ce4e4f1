// Demo data for leads and fission, once per demo corp after the first full sync: a small lead batch distributed
// over three staff members, and one running fission campaign whose participants already brought friends in
// (real sandbox scans → callbacks → crediting).
import { randomInt } from 'node:crypto';
import type { Siyu } from '../../app';
import { withCorp } from '../../db/tenancy';
import { distributeLeads, importLeadBatch, storeLeadUpload } from '../leads';
import { addRewardCodes, insertCampaign } from './fission.repo';
import { joinFission, newCampaignCode } from './join-fission';

const NAMES = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊', '黄敏', '赵丽', '周杰', '吴霞', '徐强', '孙艳'];

async function waitForFullSync(siyu: Siyu, corpId: string, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const run = await withCorp(siyu.ctx.db, corpId, (tx) =>
      tx
        .selectFrom('sync_runs')
        .select('status')
        .where('corp_id', '=', corpId)
        .where('kind', '=', 'full')
        .orderBy('created_at', 'desc')
        .executeTakeFirst(),
    );
    if (run && ['done', 'partial'].includes(run.status)) return true;
    if (Date.now() > end || run?.status === 'failed') return false;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export async function seedGrowthDemo(
  siyu: Siyu,
  corpId: string,
  sandboxUrl: string,
  timeoutMs = 10 * 60_000,
): Promise<void> {
  const { ctx } = siyu;
  if (!(await waitForFullSync(siyu, corpId, timeoutMs))) return;
  const { seeded, staff, participants } = await withCorp(ctx.db, corpId, async (tx) => ({
    seeded: !!(await tx
      .selectFrom('fission_campaigns')
      .select('id')
      .where('corp_id', '=', corpId)
      .limit(1)
      .executeTakeFirst()),
    staff: (
      await tx
        .selectFrom('staff')
        .select('userid')
        .where('corp_id', '=', corpId)
        .where('status', '=', 1)
        .where('is_follow_user', '=', true)
        .orderBy('userid')
        .limit(3)
        .execute()
    ).map((s) => s.userid),
    participants: (
      await tx
        .selectFrom('customers as c')
        .innerJoin('follows as f', (j) => j.onRef('f.corp_id', '=', 'c.corp_id').onRef('f.customer_id', '=', 'c.id'))
        .select('c.external_userid')
        .where('c.corp_id', '=', corpId)
        .where('f.deleted_at', 'is', null)
        .orderBy('c.created_at')
        .limit(3)
        .execute()
    ).map((c) => c.external_userid as string),
  }));
  if (seeded || staff.length === 0 || participants.length === 0) return;

  // Leads: 12 numbers (one malformed, one repeated) imported and distributed for 48 hours.
  const rows = [
    '手机号,姓名,来源,备注',
    ...NAMES.map((n, i) => `137${String(20260000 + i * 7919).padStart(8, '0')},${n},${i % 2 ? '展会' : '抖音广告'},`),
    '1370000,号码不全,展会,',
    `13720260000,重复,展会,`,
  ];
  const batchId = await storeLeadUpload(ctx, corpId, {
    filename: '示例线索.csv',
    file: Buffer.from(rows.join('\n')),
    createdBy: null,
  });
  await importLeadBatch(ctx, { corpId, batchId });
  await distributeLeads(ctx, corpId, batchId, {
    mode: 'even',
    staff: staff.map((userid) => ({ userid, weight: 1 })),
    deadlineHours: 48,
    maxRounds: 3,
  });

  // Fission: a running campaign, three participants, some friends already brought in through their codes.
  const campaign = await withCorp(ctx.db, corpId, async (tx) => {
    const c = await insertCampaign(tx, corpId, {
      code: newCampaignCode(),
      name: '邀请 3 位好友得鲜果券',
      goal: 3,
      rewardType: 'code',
      rewardLink: null,
      poster: {
        background: '#fff1e6',
        title: '邀好友 领鲜果券',
        text: '邀请 3 位好友添加您的专属顾问，即得 20 元鲜果券',
      },
      startsAt: new Date(Date.now() - 3 * 86400_000),
      endsAt: new Date(Date.now() + 27 * 86400_000),
      staffUserids: staff.slice(0, 2),
      tagIds: [],
      withdrawHours: 24,
    });
    await addRewardCodes(
      tx,
      corpId,
      c.id,
      Array.from({ length: 20 }, (_, i) => `FRUIT-${String(i + 1).padStart(4, '0')}`),
    );
    return c;
  });
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${sandboxUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const friends = [3, 2, 1];
  for (const [i, ext] of participants.entries()) {
    const p = await joinFission(ctx, siyu.wecom.connections, corpId, campaign.id, ext);
    for (let k = 0; k < (friends[i] ?? 0); k++) {
      const b = await post<{ external_userid: string }>(`/sandbox/corps/${corpId}/customers`, {
        name: NAMES[randomInt(NAMES.length)],
      });
      if (p.configId)
        await post(`/sandbox/corps/${corpId}/scan-contact-way`, {
          external_userid: b.external_userid,
          config_id: p.configId,
        });
    }
  }
  ctx.logger.info({ corpId, leadBatch: batchId, campaign: campaign.id }, 'demo leads and fission campaign created');
}
