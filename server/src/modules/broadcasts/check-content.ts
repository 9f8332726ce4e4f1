// What WeCom accepts as a mass message's content (add_msg_template): a text of at most 4000 bytes and at most 9
// attachments, not both empty. Checked before anything is planned, so a bad content is a clear 400.
import type { BroadcastContent } from '@siyu/contracts';
import { DomainError } from '../../http/errors';

export const MAX_ATTACHMENTS = 9;
export const MAX_TEXT_BYTES = 4000;

export function checkContent(c: BroadcastContent): void {
  const attachments = c.materialIds?.length ?? 0;
  if (attachments > MAX_ATTACHMENTS) throw new DomainError('broadcast_too_many_attachments', undefined, { max: MAX_ATTACHMENTS, given: attachments });
  if (Buffer.byteLength(c.text, 'utf8') > MAX_TEXT_BYTES) throw new DomainError('broadcast_text_too_long', undefined, { maxBytes: MAX_TEXT_BYTES });
  if (c.text.trim() === '' && attachments === 0) throw new DomainError('broadcast_content_empty');
}
