// A variant's content as add_msg_template wants it: the text and its attachments, resolved through the material
// library's port (media uploaded to WeCom or reused while their 3-day media_id lasts). Never inside a transaction.
import type { MessageAttachment, TextContent } from '@siyu/wecom';
import { materialAttachments } from '../materials';
import type { WecomConnections } from '../wecom';
import type { AppContext } from '../../context';

export type WecomContent = { text?: TextContent; attachments?: MessageAttachment[] };

export async function wecomContent(ctx: AppContext, connections: WecomConnections, corpId: string, v: { text: string; materialIds?: string[] }): Promise<WecomContent> {
  const ids = v.materialIds ?? [];
  // purpose 'message' yields only the attachment kinds messages take (image, link, miniprogram, video, file).
  const attachments = ids.length > 0 ? ((await materialAttachments({ db: ctx.db, wecom: connections }, corpId, ids, 'message')) as MessageAttachment[]) : [];
  return { ...(v.text.trim() ? { text: { content: v.text } } : {}), ...(attachments.length > 0 ? { attachments } : {}) };
}
