// Error codes of group SOP (群SOP): HTTP status and zh-CN / en-US texts, each saying what to change.
import type { ErrorTable } from '../../http/error-table';

export const groupSopErrors = {
  group_sop_selection_missing: { status: 400, 'zh-CN': '请选择客户群：按群主、群名包含或群列表', 'en-US': 'Choose the groups: by owner, by name or from a list' },
  group_sop_selection_empty: { status: 400, 'zh-CN': '所选条件没有匹配任何未解散的客户群，请调整群主、群名或群列表', 'en-US': 'No active group matches this selection; change the owners, the name or the list' },
  group_sop_unknown_owner: { status: 400, 'zh-CN': '群主不是本企业的员工，请重新选择', 'en-US': 'An owner is not a staff member of this corp; choose again' },
  group_sop_unknown_group: { status: 400, 'zh-CN': '群列表中有不存在或已解散的客户群，请重新选择', 'en-US': 'The list has a group that does not exist or was dismissed; choose again' },
  group_sop_time_past: { status: 400, 'zh-CN': '单次推送时间已过去，请选择将来的时间', 'en-US': 'A one-off push is in the past; pick a future time' },
  group_sop_content_empty: { status: 400, 'zh-CN': '请填写推送的文字内容或选择附件', 'en-US': 'Write the text of a push or pick an attachment' },
  group_sop_text_too_long: { status: 400, 'zh-CN': '推送文字过长：群发最多 4000 字节，提醒群主最多 1500 字节', 'en-US': 'A text is too long: at most 4000 bytes for a group message, 1500 bytes for a reminder' },
  group_sop_too_many_attachments: { status: 400, 'zh-CN': '附件最多 9 个，请减少附件', 'en-US': 'At most 9 attachments; remove some' },
  group_sop_reminder_attachments: { status: 400, 'zh-CN': '提醒群主只发送文字，请移除附件或改为群发', 'en-US': 'A reminder to the owner is text only; remove the attachments or send a group message' },
  group_sop_unknown_push: { status: 400, 'zh-CN': '推送不属于此计划，请刷新后重试', 'en-US': 'A push does not belong to this plan; reload and try again' },
  group_sop_archived: { status: 409, 'zh-CN': '该计划已归档，不能再修改', 'en-US': 'This plan is archived and can no longer change' },
} satisfies ErrorTable;
