// Phone numbers a staff member notes on a customer in WeCom (remark_mobiles) reach the profile, end to end: the
// sandbox's "be a customer" page saves them (POST /sandbox/corps/:corp/edit-customer, as its button does), WeCom's
// edit callback brings them into Siyu, and the profile and the customer detail show them — in full to a role that may
// see phone numbers, masked (138****0000) to an analyst, through the one maskPhone policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteAndAccept } from '../helpers/test-app';
import { settle, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwremarkmob01';
let h: Harness;
let analyst: string;

type Follow = { staffUserid: string; remarkMobiles: string[] };

beforeAll(async () => {
  h = await startHarness(CORP);
  await h.sb(`/sandbox/corps/${CORP}/staff`, { userid: 'sales_r', name: '备注员工' });
  analyst = (await inviteAndAccept(h.app, h.admin.cookie, { email: 'analyst@remark-mob.test', name: 'Analyst', role: 'analyst' })).cookie;
}, 120_000);

afterAll(async () => h?.close());

describe('remark mobiles', () => {
  it('a number the staff member notes on the sandbox page shows on the profile, masked for an analyst', async () => {
    const c = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '备注手机客户' });
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: c.external_userid, userid: 'sales_r' });
    await settle(h);
    await h.sb(`/sandbox/corps/${CORP}/edit-customer`, { external_userid: c.external_userid, userid: 'sales_r', remark_mobiles: ['13812345678', '13987654321'] });
    await settle(h);

    const list = await h.api<{ items: Array<{ id: string; externalUserid: string }> }>('GET', '/api/customers?page=1&pageSize=50');
    const id = list.body.items.find((x) => x.externalUserid === c.external_userid)!.id;
    const profile = await h.api<{ follows: Follow[] }>('GET', `/api/customers/${id}/profile`);
    expect(profile.status).toBe(200);
    expect(profile.body.follows).toEqual([expect.objectContaining({ staffUserid: 'sales_r', remarkMobiles: ['13812345678', '13987654321'] })]);

    for (const url of [`/api/customers/${id}/profile`, `/api/customers/${id}`]) {
      const res = await h.app.app.inject({ method: 'GET', url, headers: { cookie: analyst } });
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as { follows: Follow[] }).follows[0].remarkMobiles).toEqual(['138****5678', '139****4321']);
      expect(res.body).not.toContain('13812345678');
    }
  }, 120_000);
});
