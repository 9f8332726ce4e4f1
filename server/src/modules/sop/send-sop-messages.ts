// The 'sop.send' effect, after the sweep committed: each send is claimed once (planned → claimed, so a retried job
// never sends twice), then a message step becomes the staff member's 1:1 mass message task (add_msg_template to
// the customers who still follow them) and a reminder step a WeCom app message to the staff member listing whom to
// send what (the tasks are in their console list). A refusal or an unreachable WeCom marks that send failed with
// the reason, shown in the flow's stats; other sends go on.
import type { MessageAttachment } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { EffectHandler } from '../../platform/events';
import { materialAttachments } from '../materials';
import type { WecomConnections } from '../wecom';
import { claimSends, finishSend, type ClaimedSend } from './sends.repo';

export function sendSopMessages(ctx: AppContext, connections: WecomConnections, clock: () => Date): EffectHandler {
  return async (corpId, items) => {
    const ids = items.map((i) => String(i.sendId));
    const sends = await withCorp(ctx.db, corpId, (tx) => claimSends(tx, corpId, ids));
    for (const s of sends) {
      let outcome: { state: 'sent' | 'failed'; msgid?: string | null; error?: string | null };
      try {
        outcome = s.recipients.length === 0 ? { state: 'failed', error: 'no recipient still follows this staff member' } : await deliver(ctx, connections, corpId, s);
      } catch (err) {
        ctx.logger.warn({ err, corpId, sendId: s.id }, 'SOP send failed');
        outcome = { state: 'failed', error: (err instanceof Error ? err.message : String(err)).slice(0, 300) };
      }
      await withCorp(ctx.db, corpId, (tx) => finishSend(tx, corpId, s.id, outcome, clock()));
    }
  };
}

async function deliver(ctx: AppContext, connections: WecomConnections, corpId: string, s: ClaimedSend): Promise<{ state: 'sent'; msgid: string | null; error?: string | null }> {
  if (s.kind === 'message') {
    const ids = s.content.materialIds ?? [];
    const attachments = ids.length ? ((await materialAttachments({ db: ctx.db, wecom: connections }, corpId, ids, 'message')) as MessageAttachment[]) : [];
    const client = await connections.contactClient(corpId);
    const res = await client.addMsgTemplate({
      chat_type: 'single',
      sender: s.staffUserid,
      external_userid: s.recipients.map((r) => r.externalUserid),
      ...(s.content.text.trim() ? { text: { content: s.content.text } } : {}),
      ...(attachments.length ? { attachments } : {}),
    });
    // WeCom refuses some recipients (not a friend any more, at the cap): the task is created for the others.
    const refused = res.fail_list?.length ?? 0;
    return { state: 'sent', msgid: res.msgid, error: refused ? `WeCom refused ${refused} of ${s.recipients.length} recipients (fail_list)` : null };
  }
  const conn = await connections.connection(corpId);
  if (!conn?.agentId || !conn.appSecret) throw new Error('no WeCom app (agent id and secret) is configured for staff reminders');
  const client = connections.clientFor(corpId, conn, conn.appSecret);
  const names = s.recipients.slice(0, 10).map((r) => r.name || r.externalUserid);
  const more = s.recipients.length > names.length ? ` 等 ${s.recipients.length} 位客户` : '';
  const link = ctx.config.publicUrl ? `\n${ctx.config.publicUrl.replace(/\/$/, '')}/sop/tasks` : '';
  const text = `【SOP · ${s.flowName}】请给 ${names.join('、')}${more} 发送：\n${s.content.text}${link}`;
  const res = await client.sendAppMessage({ touser: s.staffUserid, msgtype: 'text', agentid: Number(conn.agentId), text: { content: text.slice(0, 680) } });
  return { state: 'sent', msgid: res.msgid ?? null };
}
