import { createCallbackCrypto, isWecomError } from '@siyu/wecom';
import type { AppContext } from '../../context';
import type { SendOptions } from '../../jobs/queue';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import { findConnection, listFeatureStatus, updateConnection, type ConnectionPatch } from './connection.repo';
import { inboxCounts, recentParked } from './inbox.repo';
import { SYNC_QUEUE, type SyncJob } from './full-sync.job';
import { activeRun, findRun, insertRun, listRuns, type SyncKind } from './sync-runs.repo';
import type { WecomConnections } from './wecom-connection.service';

export type ConnectionInput = {
  corpId?: string;
  contactSecret?: string;
  agentId?: string;
  appSecret?: string;
  callbackToken?: string;
  callbackAesKey?: string;
  apiBase?: string;
};

const mask = (s: string | null) => (s ? `${s.slice(0, 3)}…${s.slice(-2)}` : null);

export function createWecomService(ctx: AppContext, connections: WecomConnections) {
  const { db, queue } = ctx;

  /** One active run per corp and kind (a unique index): a second caller, in any process, gets the existing run. */
  async function startRun(corpId: string, kind: SyncKind, trigger: string, send: SendOptions = {}) {
    const { id, created } = await withCorp(db, corpId, async (tx) => {
      const conn = await findConnection(tx, corpId);
      if (!conn?.wecomCorpId || !conn.contactSecret) throw new DomainError('wecom_not_connected');
      const newId = await insertRun(tx, corpId, kind, trigger);
      if (newId) return { id: newId, created: true };
      const existing = await activeRun(tx, corpId, kind);
      return { id: existing!.id, created: false };
    });
    if (created) await queue.send<SyncJob>(SYNC_QUEUE, { corpId, runId: id }, send);
    const run = await withCorp(db, corpId, (tx) => findRun(tx, corpId, id));
    return { run: run!, created };
  }

  return {
    startRun,

    async getConnection(auth: AuthContext, origin: string) {
      const conn = await withCorp(db, auth.corpId, (tx) => findConnection(tx, auth.corpId));
      if (!conn) throw new DomainError('not_found');
      const base = (ctx.config.publicUrl ?? origin).replace(/\/+$/, '');
      return {
        corpId: conn.wecomCorpId,
        agentId: conn.agentId,
        apiBase: connections.apiBaseOf(conn),
        callbackToken: conn.callbackToken,
        hasContactSecret: !!conn.contactSecret,
        hasAppSecret: !!conn.appSecret,
        hasCallbackAesKey: !!conn.callbackAesKey,
        contactSecretHint: mask(conn.contactSecret),
        callbackUrl: `${base}/wecom/callback/${encodeURIComponent(conn.corpId)}`,
        connected: !!(conn.wecomCorpId && conn.contactSecret),
        callbackReady: !!(conn.callbackToken && conn.callbackAesKey),
      };
    },

    async updateConnection(auth: AuthContext, input: ConnectionInput) {
      if (input.callbackAesKey) {
        try {
          createCallbackCrypto({ token: input.callbackToken ?? 'x', encodingAESKey: input.callbackAesKey, receiveId: 'x' });
        } catch {
          throw new DomainError('invalid_request', 'callbackAesKey must be 43 base64 characters');
        }
      }
      const patch: ConnectionPatch = {};
      const set = <K extends keyof ConnectionPatch>(k: K, v: string | undefined) => {
        if (v !== undefined) patch[k] = v.trim() === '' ? null : v.trim();
      };
      set('wecom_corp_id', input.corpId);
      set('contact_secret', input.contactSecret);
      set('agent_id', input.agentId);
      set('app_secret', input.appSecret);
      set('callback_token', input.callbackToken);
      set('callback_aes_key', input.callbackAesKey);
      set('api_base', input.apiBase);
      await withCorp(db, auth.corpId, async (tx) => {
        await updateConnection(tx, auth.corpId, patch);
        await writeAudit(tx, {
          corpId: auth.corpId,
          actorUserId: auth.userId,
          action: 'wecom.connection.update',
          detail: { fields: Object.keys(patch) },
        });
      });
      connections.invalidate(auth.corpId);
    },

    /** gettoken + get_follow_user_list with the stored credentials; reports, never throws WeCom errors. */
    async testConnection(auth: AuthContext) {
      const conn = await withCorp(db, auth.corpId, (tx) => findConnection(tx, auth.corpId));
      if (!conn?.wecomCorpId || !conn.contactSecret) throw new DomainError('wecom_not_connected');
      const client = connections.clientFor(auth.corpId, conn, conn.contactSecret);
      const steps: Array<{ step: string; ok: boolean; errcode: number; errmsg: string }> = [];
      let followUsers: number | null = null;
      try {
        client.invalidateToken();
        await client.accessToken();
        steps.push({ step: 'gettoken', ok: true, errcode: 0, errmsg: 'ok' });
        const res = await client.getFollowUserList();
        followUsers = res.follow_user?.length ?? 0;
        steps.push({ step: 'get_follow_user_list', ok: true, errcode: 0, errmsg: 'ok' });
      } catch (err) {
        const errcode = isWecomError(err) ? err.errcode : -1;
        const errmsg = isWecomError(err) ? err.errmsg : err instanceof Error ? err.message : String(err);
        steps.push({ step: steps.length === 0 ? 'gettoken' : 'get_follow_user_list', ok: false, errcode, errmsg });
      }
      const failed = steps.find((s) => !s.ok);
      return { ok: !failed, errcode: failed?.errcode ?? 0, errmsg: failed?.errmsg ?? 'ok', followUsers, steps };
    },

    async start(auth: AuthContext, kind: SyncKind) {
      return startRun(auth.corpId, kind, `user:${auth.userId}`);
    },

    async listRuns(auth: AuthContext, limit: number) {
      const runs = await withCorp(db, auth.corpId, (tx) => listRuns(tx, auth.corpId, limit));
      return { runs: runs.map((r) => ({ ...r, progress: r.total > 0 ? Math.min(1, r.done / r.total) : r.status === 'done' ? 1 : 0 })) };
    },

    async status(auth: AuthContext) {
      return withCorp(db, auth.corpId, async (tx) => {
        const conn = await findConnection(tx, auth.corpId);
        const features = await listFeatureStatus(tx, auth.corpId);
        const inbox = { ...(await inboxCounts(tx, auth.corpId)), parkedEvents: await recentParked(tx, auth.corpId, 20) };
        const runs = await listRuns(tx, auth.corpId, 5);
        return {
          connected: !!(conn?.wecomCorpId && conn.contactSecret),
          features,
          warnings: features.filter((f) => f.status === 'disabled'),
          inbox,
          lastRuns: runs,
        };
      });
    },
  };
}

export type WecomService = ReturnType<typeof createWecomService>;
