// Shared test helpers: a sandbox, a corp, a token and small fetch wrappers.

import { startSandbox, type Sandbox, type SandboxOptions } from '../src/index';

export type Obj = Record<string, unknown>;

export interface Ctx {
  sb: Sandbox;
  corpId: string;
  secret: string;
  token: string;
  api(path: string, body?: Obj, query?: Record<string, string>): Promise<Obj>;
  sim(method: string, path: string, body?: Obj): Promise<{ status: number; json: Obj }>;
}

export async function setup(opts: SandboxOptions = {}, corp: Obj = {}): Promise<Ctx> {
  const sb = await startSandbox({ port: 0, ...opts });
  const sim = async (method: string, path: string, body?: Obj) => {
    const res = await fetch(sb.url + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as Obj };
  };
  const created = await sim('POST', '/sandbox/corps', { name: '测试企业', ...corp });
  const corpId = created.json.corp_id as string;
  const secret = created.json.contact_secret as string;
  const tokenRes = (await (
    await fetch(`${sb.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${encodeURIComponent(secret)}`)
  ).json()) as Obj;
  const ctx: Ctx = {
    sb,
    corpId,
    secret,
    token: tokenRes.access_token as string,
    sim,
    async api(path, body, query = {}) {
      const qs = new URLSearchParams({ access_token: ctx.token, ...query });
      const res = await fetch(`${sb.url}/cgi-bin/${path}?${qs}`, {
        method: body ? 'POST' : 'GET',
        body: body ? JSON.stringify(body) : undefined,
      });
      return (await res.json()) as Obj;
    },
  };
  return ctx;
}

/** Staff member + customer + contact way, ready to scan. */
export async function staffAndCustomer(ctx: Ctx, contactWay: Obj = {}) {
  const base = `/sandbox/corps/${ctx.corpId}`;
  await ctx.sim('POST', `${base}/staff`, { userid: 'zhangsan', name: '张三' });
  await ctx.sim('POST', `${base}/staff`, { userid: 'lisi', name: '李四' });
  const customer = await ctx.sim('POST', `${base}/customers`, { name: '王小明', phone: '13800000000' });
  const way = await ctx.api('externalcontact/add_contact_way', {
    type: 2,
    scene: 2,
    user: ['zhangsan', 'lisi'],
    state: 'ch_poster_01',
    ...contactWay,
  });
  return { base, ext: customer.json.external_userid as string, configId: way.config_id as string };
}
