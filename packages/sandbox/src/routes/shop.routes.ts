// The sandbox as the shop and the mini-program: an order, a link open, a form and a live view made on the "be a
// customer" page are recorded as activity and sent to Siyu the way a real shop would send them — a batch of events
// POSTed to Siyu's public events webhook (/hooks/events/:corpId), signed `X-Siyu-Signature: sha256=<hex
// HMAC-SHA256(secret, raw body)>`. Siyu's URL and secret are set per corp with PUT /sandbox/corps/:corpId/shop-webhook.
import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseSandboxBody } from '../api';
import { SandboxError } from '../errors';
import { requireCustomer } from '../simulate';
import type { SandboxState } from '../state';
import type { ActivityEntry, CorpState, JsonObject } from '../types';

type ShopWebhook = { url: string; secret: string };
type ShopKind = 'order' | 'link' | 'form' | 'live';

const ACTIVITY: Record<ShopKind, ActivityEntry['kind']> = {
  order: 'place-order',
  link: 'open-link',
  form: 'submit-form',
  live: 'watch-live',
};

const bad = (message: string) => new SandboxError(400, 'bad_request', message);

/** What the shop sends Siyu for one action, in the events API's shape. */
function shopEvent(kind: ShopKind, externalUserid: string, p: ReturnType<typeof parseSandboxBody>): JsonObject {
  const id = `sandbox-${kind}-${randomBytes(6).toString('hex')}`;
  const customer = { externalUserid };
  const occurredAt = new Date().toISOString();
  if (kind === 'order') {
    const amount = p.num('amount');
    if (!(amount >= 0)) throw bad('amount must be >= 0');
    const item = p.optStr('item') ?? '沙箱商品 Sandbox item';
    return {
      id,
      type: 'order',
      occurredAt,
      customer,
      properties: { orderNo: id, amount, currency: 'CNY', items: [{ sku: 'SANDBOX-1', name: item, quantity: 1, price: amount }] },
    };
  }
  if (kind === 'link') {
    const url = p.optStr('url');
    if (!url) throw bad('url required');
    return { id, type: 'link_open', occurredAt, customer, properties: { url, seconds: p.optNum('seconds') ?? 30 } };
  }
  if (kind === 'form') {
    return { id, type: 'form_submit', occurredAt, customer, properties: { form: p.optStr('form') ?? '沙箱报名表 Sandbox form', answers: (p.raw.answers ?? {}) as JsonObject } };
  }
  return { id, type: 'live_view', occurredAt, customer, properties: { room: p.optStr('room') ?? '沙箱直播间 Sandbox live', seconds: Math.round((p.optNum('minutes') ?? 10) * 60) } };
}

async function deliver(hook: ShopWebhook, event: JsonObject): Promise<{ status: number; body: unknown }> {
  const raw = JSON.stringify({ events: [event] });
  const signature = `sha256=${createHmac('sha256', hook.secret).update(raw).digest('hex')}`;
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-siyu-signature': signature },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body };
  } catch (err) {
    return { status: 0, body: err instanceof Error ? err.message : String(err) };
  }
}

export function registerShopRoutes(app: FastifyInstance, state: SandboxState) {
  const hooks = new WeakMap<CorpState, ShopWebhook>();
  const corpOf = (req: FastifyRequest) => state.requireCorp((req.params as { corpId: string }).corpId);

  app.put('/sandbox/corps/:corpId/shop-webhook', async (req) => {
    const p = parseSandboxBody(req.body);
    const url = p.str('url');
    if (!/^https?:\/\//.test(url)) throw bad('url must be http(s)');
    hooks.set(corpOf(req), { url, secret: p.str('secret') });
    return { url, configured: true };
  });

  // The secret is never answered back.
  app.get('/sandbox/corps/:corpId/shop-webhook', async (req) => {
    const hook = hooks.get(corpOf(req));
    return { url: hook?.url ?? null, configured: !!hook };
  });

  for (const kind of ['order', 'link', 'form', 'live'] as const) {
    app.post(`/sandbox/corps/:corpId/shop/${kind}`, async (req, reply) => {
      const corp = corpOf(req);
      const p = parseSandboxBody(req.body);
      const ext = p.str('external_userid');
      requireCustomer(corp, ext);
      const event = shopEvent(kind, ext, p);
      const data: JsonObject = { ...p.raw };
      delete data.external_userid;
      corp.activity.push({ kind: ACTIVITY[kind], external_userid: ext, time: state.nowSec(), data });
      const hook = hooks.get(corp);
      const delivery = hook ? await deliver(hook, event) : null;
      return reply.code(201).send({ event, delivery, ...(hook ? {} : { note: 'no shop webhook set: PUT /sandbox/corps/:corpId/shop-webhook' }) });
    });
  }
}
