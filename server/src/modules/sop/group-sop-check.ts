// Checks of a group SOP plan before anything is saved: a selection that names something and matches live groups
// (owners that are staff, chat ids that are live groups), one-off pushes in the future, and contents WeCom accepts
// (add_msg_template: text ≤ 4000 bytes, ≤ 9 attachments; a reminder: text only, ≤ 1500 bytes so that the plan and
// group names fit in message/send's 2048). Each failure is a 400 with its code.
import type { GroupSopPlanInput } from '@siyu/contracts';
import type { Tx } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { checkMaterialsAttachable } from '../materials';
import * as repo from './group-sop.repo';

const MESSAGE_MAX_BYTES = 4000;
const REMINDER_MAX_BYTES = 1500;
const MAX_ATTACHMENTS = 9;

export async function checkPlan(tx: Tx, corpId: string, input: GroupSopPlanInput, now: Date): Promise<void> {
  const sel = input.selection;
  if (!sel.ownerUserids && !sel.chatIds && !sel.nameContains?.trim()) throw new DomainError('group_sop_selection_missing');
  if (sel.ownerUserids) {
    const known = await repo.knownStaff(tx, corpId, sel.ownerUserids);
    const unknown = sel.ownerUserids.filter((u) => !known.has(u));
    if (unknown.length > 0) throw new DomainError('group_sop_unknown_owner', undefined, { userids: unknown.slice(0, 20) });
  }
  if (sel.chatIds) {
    const live = await repo.liveGroups(tx, corpId, sel.chatIds);
    const unknown = sel.chatIds.filter((c) => !live.has(c));
    if (unknown.length > 0) throw new DomainError('group_sop_unknown_group', undefined, { chatIds: unknown.slice(0, 20) });
  }
  if ((await repo.countGroups(tx, corpId, sel)) === 0) throw new DomainError('group_sop_selection_empty');
  for (const [i, p] of input.pushes.entries()) {
    if (p.schedule.kind === 'once' && new Date(p.schedule.at).getTime() <= now.getTime()) throw new DomainError('group_sop_time_past', undefined, { push: i });
    const attachments = p.content.materialIds?.length ?? 0;
    const bytes = Buffer.byteLength(p.content.text, 'utf8');
    if (p.action === 'remind_owner') {
      if (attachments > 0) throw new DomainError('group_sop_reminder_attachments', undefined, { push: i });
      if (p.content.text.trim() === '') throw new DomainError('group_sop_content_empty', undefined, { push: i });
      if (bytes > REMINDER_MAX_BYTES) throw new DomainError('group_sop_text_too_long', undefined, { push: i, maxBytes: REMINDER_MAX_BYTES });
      continue;
    }
    if (attachments > MAX_ATTACHMENTS) throw new DomainError('group_sop_too_many_attachments', undefined, { push: i, max: MAX_ATTACHMENTS });
    if (p.content.text.trim() === '' && attachments === 0) throw new DomainError('group_sop_content_empty', undefined, { push: i });
    if (bytes > MESSAGE_MAX_BYTES) throw new DomainError('group_sop_text_too_long', undefined, { push: i, maxBytes: MESSAGE_MAX_BYTES });
    if (attachments > 0) await checkMaterialsAttachable(tx, corpId, p.content.materialIds ?? [], 'message');
  }
}
