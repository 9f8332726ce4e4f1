// Error codes of channel codes: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const channelsErrors = {
  channel_state_taken: { status: 409, 'zh-CN': '渠道参数（state）已被其他活码使用', 'en-US': 'This state is already used by another code' },
  channel_staff_required: { status: 400, 'zh-CN': '请至少选择一名接待员工', 'en-US': 'Choose at least one staff member' },
  channel_wecom_rejected: { status: 422, 'zh-CN': '企业微信拒绝了该活码配置', 'en-US': 'WeCom rejected this code configuration' },
} satisfies ErrorTable;
