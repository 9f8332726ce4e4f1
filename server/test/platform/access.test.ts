import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema';
import { withCorp } from '../../src/db/tenancy';
import { createCorpWithRoles, startTestApp, type Session, type TestApp } from '../helpers/test-app';
import { fillPath, sample } from '../helpers/schema-sample';

const ROLES: Role[] = ['admin', 'operator', 'staff', 'analyst'];

let app: TestApp;
let a: Record<Role, Session>;
let b: Record<Role, Session>;
let bCustomerId: string;

async function snapshotCorp(corpId: string) {
  const tables = ['corps', 'memberships', 'staff', 'customers', 'follows', 'groups'];
  const out: Record<string, unknown> = {};
  for (const t of tables) {
    const col = t === 'corps' ? 'id' : 'corp_id';
    out[t] = (await app.ctx.database.ownerSql(`SELECT * FROM ${t} WHERE ${col} = $1 ORDER BY 1, 2`, [corpId])).rows;
  }
  return JSON.parse(JSON.stringify(out));
}

beforeAll(async () => {
  app = await startTestApp();
  a = await createCorpWithRoles(app, 'corp_a');
  b = await createCorpWithRoles(app, 'corp_b');
  bCustomerId = await withCorp(app.ctx.db, 'corp_b', async (tx) => {
    await tx.insertInto('staff').values({ corp_id: 'corp_b', userid: 'staff_b', name: 'B staff', mobile: null }).execute();
    const c = await tx
      .insertInto('customers')
      .values({ corp_id: 'corp_b', external_userid: 'wm_b_1', name: 'B 客户', avatar: null, type: 1, gender: 1, unionid: null, phone: '13800000000', corp_name: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('follows').values({ corp_id: 'corp_b', customer_id: c.id, staff_userid: 'staff_b', remark: null, description: null, add_way: 1, state: 'x', oper_userid: null }).execute();
    return c.id;
  });
});

afterAll(async () => {
  await app?.cleanup();
});

describe('every /api route declares its roles', () => {
  it('has a table of routes that covers the platform', () => {
    const urls = app.routes.map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain('GET /api/auth/me');
    expect(urls).toContain('GET /api/customers/:id');
    expect(urls).toContain('PATCH /api/users/:id');
    expect(app.routes.length).toBeGreaterThanOrEqual(15);
  });

  it('answers 401 to an unauthenticated call on every non-public route', async () => {
    for (const route of app.routes.filter((r) => r.access !== 'public')) {
      const res = await app.app.inject({ method: route.method as 'GET', url: fillPath(route.url), payload: route.body ? {} : undefined });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
  });

  it('answers 401 to a forged or expired session cookie', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'siyu_sid=forged' } });
    expect(res.statusCode).toBe(401);
  });

  it('answers 403 to every role the route does not allow', async () => {
    let checked = 0;
    for (const route of app.routes) {
      if (!Array.isArray(route.access)) continue;
      for (const role of ROLES.filter((r) => !(route.access as Role[]).includes(r))) {
        const res = await app.app.inject({
          method: route.method as 'GET',
          url: fillPath(route.url),
          headers: { cookie: a[role].cookie },
          payload: route.body ? (sample(route.body as object) as object) : undefined,
        });
        expect(res.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('corp isolation', () => {
  it("never lets corp A read or change corp B's rows, whatever ids it sends", async () => {
    const before = await snapshotCorp('corp_b');
    const bIds: Record<string, string> = { id: bCustomerId, userid: 'staff_b' };
    const bUserIds = [b.admin.userId, b.operator.userId, b.staff.userId];
    for (const role of ROLES) {
      for (const route of app.routes.filter((r) => r.access !== 'public' && r.url.includes(':'))) {
        const ids = route.url.startsWith('/api/users') ? bUserIds : [bIds.id];
        for (const id of ids) {
          const url = route.url.replace(':id', id).replace(':userid', bIds.userid);
          const payload = route.body ? (sample(route.body as object) as object) : undefined;
          const res = await app.app.inject({ method: route.method as 'GET', url, headers: { cookie: a[role].cookie }, payload });
          expect(res.statusCode, `${role} ${route.method} ${url}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
          expect(res.body).not.toContain('B 客户');
        }
      }
    }
    const list = await app.app.inject({ method: 'GET', url: '/api/customers?q=wm_b_1', headers: { cookie: a.admin.cookie } });
    expect(list.json().total).toBe(0);
    const switched = await app.app.inject({ method: 'POST', url: '/api/auth/switch-corp', headers: { cookie: a.admin.cookie }, payload: { corpId: 'corp_b' } });
    expect(switched.statusCode).toBe(404);
    expect(await snapshotCorp('corp_b')).toEqual(before);
  });

  it("shows corp B's admin its own customer", async () => {
    const res = await app.app.inject({ method: 'GET', url: `/api/customers/${bCustomerId}`, headers: { cookie: b.admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('B 客户');
  });

  it('shows a staff member only the customers they follow', async () => {
    const own = await app.app.inject({ method: 'GET', url: `/api/customers/${bCustomerId}`, headers: { cookie: b.staff.cookie } });
    expect(own.statusCode).toBe(404); // b.staff is linked to staff_a, the customer follows staff_b
  });
});
