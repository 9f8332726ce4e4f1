// One WeCom app message per staff member and round: how many leads, by when, and a link to the list.
// Sent rows are marked one by one, so a retried job never messages anyone twice.
import { isWecomError } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { WecomConnections } from '../wecom';
import type { RoundJob } from './distribute-leads';
import * as repo from './leads.repo';

function linkBase(ctx: Pick<AppContext, 'config'>): string {
  return (ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`).replace(/\/+$/, '');
}

function text(count: number, deadline: Date | null, link: string): string {
  const until = deadline ? `，请在 ${deadline.toISOString().slice(0, 16).replace('T', ' ')} (UTC) 前添加为好友` : '';
  return `【线索提醒】您有 ${count} 条新线索待添加${until}。添加时请在备注里填写手机号，系统会自动确认。查看名单：${link}`;
}

export async function sendLeadReminders(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger'>,
  connections: WecomConnections,
  job: RoundJob,
): Promise<void> {
  const { db } = ctx;
  const { corpId, batchId, round } = job;
  const pending = await withCorp(db, corpId, (tx) => repo.pendingReminders(tx, corpId, batchId, round));
  if (pending.length === 0) return;
  const key = (userids: string[]) => ({ batchId, round, userids });
  const conn = await connections.connection(corpId);
  if (!conn?.wecomCorpId || !conn.agentId || !conn.appSecret) {
    await withCorp(db, corpId, (tx) =>
      repo.markReminder(tx, corpId, key(pending.map((p) => p.staff_userid)), {
        status: 'skipped',
        reason: 'no_app_agent',
      }),
    );
    return;
  }
  const batch = await withCorp(db, corpId, (tx) => repo.getBatch(tx, corpId, batchId));
  const client = connections.clientFor(corpId, conn, conn.appSecret);
  const agentid = Number(conn.agentId);
  for (const p of pending) {
    const link = `${linkBase(ctx)}/leads?batch=${batchId}&staff=${encodeURIComponent(p.staff_userid)}`;
    try {
      const res = await client.sendAppMessage({
        touser: p.staff_userid,
        msgtype: 'text',
        agentid,
        text: { content: text(p.lead_count, batch?.deadline_at ?? null, link) },
      });
      const invalid = (res.invaliduser ?? '').split('|').includes(p.staff_userid);
      await withCorp(db, corpId, (tx) =>
        repo.markReminder(
          tx,
          corpId,
          key([p.staff_userid]),
          invalid ? { status: 'failed', reason: 'invalid_user' } : { status: 'sent', msgid: res.msgid ?? null },
        ),
      );
    } catch (err) {
      if (!isWecomError(err)) throw err;
      ctx.logger.warn({ err, corpId, batchId, staff: p.staff_userid }, 'lead reminder failed');
      await withCorp(db, corpId, (tx) =>
        repo.markReminder(tx, corpId, key([p.staff_userid]), {
          status: 'failed',
          reason: `${err.errcode} ${err.errmsg}`.slice(0, 200),
        }),
      );
    }
  }
}
