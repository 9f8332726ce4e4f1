// change_external_chat: re-pull groupchat/get and store the group with its members.
import { isWecomError, type ExternalChatEvent, type GroupChat, type WecomClient } from '@siyu/wecom';
import type { EventWriter } from './apply-contact-event';
import { recordChatFacts } from './callback-facts';
import { groupRow } from './mappers';
import { dismissGroups, upsertGroup } from './sync.repo';

/** groupchat/get errcodes meaning the group no longer exists for this corp. */
const GROUP_GONE = new Set([40050, 49008, 90500]);

export async function fetchGroup(client: WecomClient, chatId: string): Promise<GroupChat | null> {
  try {
    return (await client.getGroupChat(chatId, 1)).group_chat;
  } catch (err) {
    if (isWecomError(err) && GROUP_GONE.has(err.errcode)) return null;
    throw err;
  }
}

export async function prepareChatEvent(client: WecomClient, e: ExternalChatEvent): Promise<EventWriter> {
  const remote = await fetchGroup(client, e.chatId);
  return async (tx, corpId): Promise<Record<string, number>> => {
    const applied: Record<string, number> = remote
      ? { ...(await upsertGroup(tx, corpId, groupRow(remote))) }
      : { groupsDismissed: await dismissGroups(tx, corpId, { chatIds: [e.chatId] }) };
    await recordChatFacts(tx, corpId, e);
    return applied;
  };
}
