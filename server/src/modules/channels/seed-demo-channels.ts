// Demo only, once per demo corp: three channel codes with costs, customers scanning them through the sandbox
// (real callbacks, welcome messages and tags), a few customers deleting staff, orders, and the adds spread over the
// last two weeks so the console's charts have a shape.
import type { Siyu } from '../../app';
import { withCorp } from '../../db/tenancy';

const CODES = [
  { name: '商场海报', cost: 800, scans: 14 },
  { name: '门店收银台', cost: 300, scans: 10 },
  { name: '直播间', cost: 1500, scans: 8 },
];
const NAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';

export async function seedDemoChannels(siyu: Siyu, corpId: string, sandboxUrl: string): Promise<void> {
  const { db } = siyu.ctx;
  const existing = await withCorp(db, corpId, (tx) => tx.selectFrom('channel_codes').select('id').where('corp_id', '=', corpId).limit(1).execute());
  if (existing.length) return;
  // let the demo's first sync finish: adds arriving mid-sync shift its pages
  for (let tries = 0; tries < 240; tries++) {
    const active = await withCorp(db, corpId, (tx) =>
      tx.selectFrom('sync_runs').select('id').where('corp_id', '=', corpId).where('status', 'in', ['queued', 'running']).limit(1).execute(),
    );
    if (!active.length) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const sb = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandboxUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const state = await sb<{ staff: Array<{ userid: string; status: number }>; tag_groups: Array<{ tag: Array<{ id: string }> }> }>(
    `/sandbox/corps/${corpId}/state?limit=1`,
  );
  const staff = state.staff.filter((s) => s.status === 1).map((s) => s.userid);
  const tags = state.tag_groups.flatMap((g) => g.tag.map((t) => t.id));
  if (staff.length < 3) return;
  const system = { sessionId: 'system', userId: 'demo', corpId, role: 'admin' as const, staffUserid: null };
  const service = siyu.channels.service;
  let k = 0;
  const leavers: Array<{ external_userid: string; userid: string }> = [];
  for (const [i, c] of CODES.entries()) {
    const code = await service.create(system, {
      name: c.name,
      staffUserids: staff.slice(i, i + 2),
      backupUserids: [staff[(i + 2) % staff.length]],
      tagIds: tags.slice(i, i + 1),
      welcome: { text: `{{name}} 您好，欢迎关注「${c.name}」！回复 1 领取新人券。` },
      dailyCap: i === 1 ? 50 : null,
      cost: c.cost,
    });
    for (let j = 0; j < c.scans; j++) {
      const name = NAMES[k++ % NAMES.length] + ['一', '二', '三', '四', '五'][j % 5] + j;
      const cust = await sb<{ external_userid: string }>(`/sandbox/corps/${corpId}/customers`, { name });
      const scan = await sb<{ userid: string }>(`/sandbox/corps/${corpId}/scan-contact-way`, { external_userid: cust.external_userid, config_id: code.configId });
      if (k % 6 === 5) leavers.push({ external_userid: cust.external_userid, userid: scan.userid });
    }
  }
  // wait for the callbacks to be applied, then spread the adds over two weeks and add some orders
  const total = CODES.reduce((n, c) => n + c.scans, 0);
  for (let tries = 0; tries < 120; tries++) {
    const n = await withCorp(db, corpId, (tx) => tx.selectFrom('channel_adds').select((eb) => eb.fn.countAll<number>().as('n')).where('corp_id', '=', corpId).executeTakeFirstOrThrow());
    if (Number(n.n) >= total) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  for (const l of leavers) await sb(`/sandbox/corps/${corpId}/customer-deletes-staff`, l);
  await withCorp(db, corpId, async (tx) => {
    const adds = await tx.selectFrom('channel_adds').select(['id', 'customer_id', 'added_at']).where('corp_id', '=', corpId).orderBy('id').execute();
    for (const [i, a] of adds.entries()) {
      const at = new Date(Date.now() - ((i * 5) % 14) * 86400_000 - (i % 7) * 3600_000);
      await tx.updateTable('channel_adds').set({ added_at: at }).where('corp_id', '=', corpId).where('id', '=', a.id).execute();
      await tx.updateTable('follows').set({ followed_at: at }).where('corp_id', '=', corpId).where('customer_id', '=', a.customer_id).execute();
      if (i % 3 === 0) {
        await tx
          .insertInto('orders')
          .values({ corp_id: corpId, customer_id: a.customer_id, order_no: `DEMO-CH-${a.id}`, amount: 99 + ((i * 37) % 400), paid_at: new Date(at.getTime() + 86400_000), source: 'demo', items: '[]' })
          .onConflict((oc) => oc.columns(['corp_id', 'order_no']).doNothing())
          .execute();
      }
    }
  });
}
