// Counts joins through group codes from change_external_chat callbacks: a member added by QR (JoinScene 3) to a
// group of a code. A group WeCom just created for a full code is not in our list yet: after commit, the code's
// list is re-read (get_join_way) and the join recorded then (idempotent on chat, member and time).
import type { WecomEvent } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { EventListener } from '../wecom/event-listeners';
import type { WecomConnections } from '../wecom/wecom-connection.service';
import * as repo from './group-codes.repo';
import type { GroupCodesService } from './group-codes.service';

type ChatUpdate = Extract<WecomEvent, { kind: 'chat_update' }>;

const isQrJoin = (e: WecomEvent): e is ChatUpdate => e.kind === 'chat_update' && e.updateDetail === 'add_member' && e.joinScene === 3;

export function createGroupJoinListener(ctx: AppContext, connections: WecomConnections, service: GroupCodesService): EventListener {
  const { db, logger } = ctx;

  async function refreshAll(corpId: string): Promise<void> {
    const client = await connections.contactClient(corpId);
    const codes = await withCorp(db, corpId, (tx) => repo.listGroupCodes(tx, corpId));
    for (const c of codes.filter((x) => x.autoCreateRoom)) await service.refreshChats(client, corpId, c);
  }

  return {
    name: 'group-codes.join',
    async inTx(tx, corpId, e) {
      if (!isQrJoin(e)) return;
      const code = await repo.findByChat(tx, corpId, e.chatId);
      if (code) await repo.insertJoins(tx, corpId, code.id, e.chatId, e.memChangeList, new Date(e.createTime * 1000));
    },
    async afterCommit(corpId, e) {
      if (e.kind === 'chat_create') {
        await refreshAll(corpId).catch((err) => logger.warn({ err, corpId }, 'group code refresh failed'));
        return;
      }
      if (!isQrJoin(e)) return;
      const known = await withCorp(db, corpId, (tx) => repo.findByChat(tx, corpId, e.chatId));
      if (known) return;
      await refreshAll(corpId);
      await withCorp(db, corpId, async (tx) => {
        const code = await repo.findByChat(tx, corpId, e.chatId);
        if (code) await repo.insertJoins(tx, corpId, code.id, e.chatId, e.memChangeList, new Date(e.createTime * 1000));
      });
    },
  };
}
