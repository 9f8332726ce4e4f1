// Counts joins through group codes (attribution phase): members who joined by QR (join scene 3) a group of a code.
// A group WeCom just created for a full code is not in our list yet: after commit, the code's list is re-read
// (get_join_way) and the join recorded then (idempotent on chat, member and time).
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { afterCommit, oneByOne, type Reactor } from '../../platform/events';
import type { WecomConnections } from '../wecom';
import * as repo from './group-codes.repo';
import type { GroupCodesService } from './group-codes.service';

type Join = { chatId: string; at: Date; members: string[] };

/** QR joins of one callback share chat and time: one insert per (chat, time). */
function qrJoins(events: Array<{ data: { chatId: string; memberId: string; joinScene: number | null; at: string } }>): Join[] {
  const byKey = new Map<string, Join>();
  for (const { data } of events) {
    if (data.joinScene !== 3) continue;
    const key = `${data.chatId}|${data.at}`;
    const j = byKey.get(key) ?? { chatId: data.chatId, at: new Date(data.at), members: [] };
    j.members.push(data.memberId);
    byKey.set(key, j);
  }
  return [...byKey.values()];
}

export function groupJoinReactor(ctx: AppContext, connections: WecomConnections, service: GroupCodesService): Reactor {
  const { db, logger } = ctx;

  async function refreshAll(corpId: string): Promise<void> {
    const client = await connections.contactClient(corpId);
    const codes = await withCorp(db, corpId, (tx) => repo.listGroupCodes(tx, corpId));
    for (const c of codes.filter((x) => x.autoCreateRoom)) await service.refreshChats(client, corpId, c);
  }

  /**
   * The join is recorded here even when the chat is known by now: another refresh (the new group's own
   * `group.created`) may have added it to its code after the join's transaction looked, and returning then lost the
   * join. Recording is idempotent (chat, member, time).
   */
  async function joinUnknownChat(corpId: string, j: Join): Promise<void> {
    const known = await withCorp(db, corpId, (tx) => repo.findByChat(tx, corpId, j.chatId));
    if (!known) await refreshAll(corpId);
    await withCorp(db, corpId, async (tx) => {
      const code = await repo.findByChat(tx, corpId, j.chatId);
      if (code) await repo.insertJoins(tx, corpId, code.id, j.chatId, j.members, j.at);
    });
  }

  return {
    name: 'group-codes',
    phase: 'attribution',
    effects: {
      'group-codes.refresh': (corpId) => refreshAll(corpId).catch((err) => logger.warn({ err, corpId }, 'group code refresh failed')),
      'group-codes.join': oneByOne((corpId, d) => joinUnknownChat(corpId, { chatId: String(d.chatId), at: new Date(String(d.at)), members: d.members as string[] })),
    },
    on: {
      'group.created': async (tx, corpId) => {
        afterCommit(tx, corpId, 'group-codes.refresh', `group-codes.refresh:${Date.now()}`, {});
      },
      'group.joined': async (tx, corpId, events) => {
        for (const j of qrJoins(events)) {
          const code = await repo.findByChat(tx, corpId, j.chatId);
          if (code) await repo.insertJoins(tx, corpId, code.id, j.chatId, j.members, j.at);
          else afterCommit(tx, corpId, 'group-codes.join', `group-codes.join:${j.chatId}:${j.at.toISOString()}`, { chatId: j.chatId, at: j.at.toISOString(), members: j.members });
        }
      },
    },
  };
}
