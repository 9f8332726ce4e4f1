import { randomBytes } from 'node:crypto';
import { DEMO_CORP, startSandbox, type Sandbox } from '@siyu/sandbox';
import type { Siyu } from '../../app';
import { withCorp } from '../../db/tenancy';
import { seedDemoOrders } from './seed-demo-orders';
import { seedDemoChannels } from '../channels';
import { seedDemoSegments } from '../segments';
import { seedDemoSop } from '../sop';
import { seedGrowthDemo } from '../fission';
import { ensureWebhookSecret } from '../events';

// The demo corp talks to the built-in WeCom sandbox: same API, same encrypted callbacks, pushed to this server.
export async function startDemoSandbox(siyu: Siyu, serverUrl: string): Promise<Sandbox> {
  const { ctx } = siyu;
  const corpId = DEMO_CORP.corpid;
  const sandbox = await startSandbox({ port: ctx.config.sandboxPort, host: '127.0.0.1', demo: true });
  const corp = await withCorp(ctx.db, corpId, (tx) =>
    tx.selectFrom('corps').select(['callback_token', 'callback_aes_key', 'api_base']).where('id', '=', corpId).executeTakeFirst(),
  );
  if (!corp) throw new Error('demo corp missing');
  const token = corp.callback_token ?? randomBytes(12).toString('hex');
  const aesKey = corp.callback_aes_key ?? randomBytes(32).toString('base64').slice(0, 43);
  const firstTime = corp.api_base === null;
  await withCorp(ctx.db, corpId, (tx) =>
    tx
      .updateTable('corps')
      .set({
        wecom_corp_id: corpId,
        contact_secret: DEMO_CORP.contact_secret,
        agent_id: String(DEMO_CORP.agentid),
        app_secret: DEMO_CORP.app_secret,
        callback_token: token,
        callback_aes_key: aesKey,
        api_base: sandbox.url,
      })
      .where('id', '=', corpId)
      .execute(),
  );
  siyu.wecom.connections.invalidate(corpId);
  const res = await fetch(`${sandbox.url}/sandbox/corps/${corpId}/callback`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${serverUrl}/wecom/callback/${corpId}`, token, encoding_aes_key: aesKey }),
  });
  if (!res.ok) throw new Error(`sandbox callback setup failed: ${res.status} ${await res.text()}`);
  // The sandbox plays the shop: its orders and behaviour reach Siyu through the signed events webhook.
  const shop = await fetch(`${sandbox.url}/sandbox/corps/${corpId}/shop-webhook`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${serverUrl}/hooks/events/${corpId}`, secret: await ensureWebhookSecret(ctx.db, corpId) }),
  });
  if (!shop.ok) ctx.logger.warn({ status: shop.status }, 'sandbox shop webhook not set');
  // The sandbox keeps its state in memory: a fresh demo gets a full sync, a restart reconciles.
  const system = { sessionId: 'system', userId: 'demo', corpId, role: 'admin' as const, staffUserid: null };
  await siyu.wecom.service.start(system, firstTime ? 'full' : 'reconcile');
  // Demo segments ("important and about to churn", dynamic tag 爱水果): a failure here must not stop the demo.
  await seedDemoSegments(ctx, siyu.wecom, siyu.segments.service, corpId).catch((err) => ctx.logger.warn({ err }, 'demo segments not created'));
  void seedDemoChannels(siyu, corpId, sandbox.url).catch((err) => ctx.logger.warn({ err }, 'demo channels seed failed'));
  // SOP flows running before the demo orders arrive, so post-purchase care has customers in it.
  await seedDemoSop(siyu.sop.service, system).catch((err) => ctx.logger.warn({ err }, 'demo SOP flows not created'));
  // Demo orders after the full sync landed the customers (RFM, points, stages, timelines); then one alerts scan, so a
  // fresh demo lists its churn and repurchase alerts at once instead of after the first scheduled scan (10 minutes).
  void seedDemoOrders(siyu, corpId)
    .catch((err) => ctx.logger.warn({ err }, 'demo orders seed failed'))
    .then(() => siyu.alerts.scanNow(corpId))
    .catch((err) => ctx.logger.warn({ err }, 'demo alerts scan failed'));
  // A lead batch and a running fission campaign with participants, after the full sync.
  void seedGrowthDemo(siyu, corpId, sandbox.url).catch((err) => ctx.logger.warn({ err }, 'demo leads/fission seed failed'));
  return sandbox;
}
