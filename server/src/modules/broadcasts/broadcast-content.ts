// A variant's content as add_msg_template wants it: the text and its attachments (material ids resolved through the
// material library's port once it exists; until then a broadcast with materials is refused when it is planned).
import type { MessageAttachment, TextContent } from '@siyu/wecom';

export type WecomContent = { text?: TextContent; attachments?: MessageAttachment[] };

export type AttachmentResolver = (corpId: string, materialIds: string[]) => Promise<MessageAttachment[]>;

export async function wecomContent(corpId: string, v: { text: string; materialIds?: string[] }, resolve: AttachmentResolver | null): Promise<WecomContent> {
  const ids = v.materialIds ?? [];
  const attachments = ids.length > 0 && resolve ? await resolve(corpId, ids) : [];
  return { ...(v.text.trim() ? { text: { content: v.text } } : {}), ...(attachments.length > 0 ? { attachments } : {}) };
}
