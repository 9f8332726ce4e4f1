// Error codes of mass messages: HTTP status and zh-CN / en-US texts, each saying what to change.
import type { ErrorTable } from '../../http/error-table';

export const broadcastsErrors = {
  broadcast_audience_missing: { status: 400, 'zh-CN': '请选择群发对象：分群、标签、阶段、员工、筛选条件或上传名单', 'en-US': 'Choose an audience: a segment, tags, stages, staff, a filter or an uploaded list' },
  broadcast_audience_empty: { status: 422, 'zh-CN': '群发对象为空：当前条件没有匹配任何客户或群，请放宽条件', 'en-US': 'The audience is empty: nobody matches these conditions; widen them' },
  broadcast_nobody_left: { status: 422, 'zh-CN': '排除后没有可发送的对象（非好友、已退订或被排除），请调整对象或排除条件', 'en-US': 'Nobody is left to send to after exclusions (not a friend, opted out or excluded); change the audience or exclusions' },
  broadcast_cap_skips_all: { status: 422, 'zh-CN': '所有对象本周期已达企业微信群发上限，请下个周期再发或更换对象', 'en-US': "Everyone has reached this period's WeCom mass-message cap; send in the next period or choose other recipients" },
  broadcast_send_at_past: { status: 400, 'zh-CN': '定时发送时间已过去，请选择将来的时间或立即发送', 'en-US': 'The scheduled time is in the past; pick a future time or send now' },
  broadcast_too_many_attachments: { status: 400, 'zh-CN': '附件最多 9 个，请减少附件', 'en-US': 'At most 9 attachments; remove some' },
  broadcast_content_empty: { status: 400, 'zh-CN': '请填写文字内容或选择附件', 'en-US': 'Write a text or pick an attachment' },
  broadcast_text_too_long: { status: 400, 'zh-CN': '文字内容超过 4000 字节，请缩短', 'en-US': 'The text is over 4000 bytes; shorten it' },
  broadcast_unavailable: { status: 409, 'zh-CN': '企业微信未授权群发接口（48009），请在企业微信后台授权后点击“恢复”', 'en-US': 'WeCom has not granted the mass-message API (48009); grant it in the WeCom admin, then press Resume' },
  broadcast_not_active: { status: 409, 'zh-CN': '该群发已结束或已取消', 'en-US': 'This broadcast has ended or was cancelled' },
  broadcast_dispatching: { status: 409, 'zh-CN': '群发仍在派发中，请稍后再取消', 'en-US': 'The mass message is still being dispatched; cancel it a little later' },
  broadcast_rejected: { status: 502, 'zh-CN': '企业微信拒绝了群发请求', 'en-US': 'WeCom refused the mass-message request' },
} satisfies ErrorTable;
