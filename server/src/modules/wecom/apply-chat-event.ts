// change_external_chat: re-pull groupchat/get and store the group with its members. A batch of chat callbacks
// stores each group once, from the last state fetched for it, then records every callback's facts in one call.
import { isWecomError, type ExternalChatEvent, type GroupChat, type WecomClient } from '@siyu/wecom';
import type { Tx } from '../../db/tenancy';
import { recordChatFacts } from './callback-facts';
import { groupRow } from './mappers';
import { dismissGroups, upsertGroups } from './sync.repo';

/** groupchat/get errcodes meaning the group no longer exists for this corp. */
const GROUP_GONE = new Set([40050, 49008, 90500]);

/** One chat callback with the group as WeCom gave it when fetched (null: the group is gone). */
export type ChatSnapshot = { event: ExternalChatEvent; remote: GroupChat | null };

export async function fetchGroup(client: WecomClient, chatId: string): Promise<GroupChat | null> {
  try {
    return (await client.getGroupChat(chatId, 1)).group_chat;
  } catch (err) {
    if (isWecomError(err) && GROUP_GONE.has(err.errcode)) return null;
    throw err;
  }
}

export async function fetchChatSnapshot(client: WecomClient, event: ExternalChatEvent): Promise<ChatSnapshot> {
  return { event, remote: await fetchGroup(client, event.chatId) };
}

export async function applyChatSnapshots(tx: Tx, corpId: string, snaps: readonly ChatSnapshot[]): Promise<void> {
  if (snaps.length === 0) return;
  const last = new Map(snaps.map((s) => [s.event.chatId, s.remote]));
  await upsertGroups(tx, corpId, [...last.values()].flatMap((remote) => (remote ? [groupRow(remote)] : [])));
  const gone = [...last].filter(([, remote]) => !remote).map(([chatId]) => chatId);
  if (gone.length) await dismissGroups(tx, corpId, { chatIds: gone });
  await recordChatFacts(tx, corpId, snaps.map((s) => s.event));
}
