// Error codes of group codes: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const groupCodesErrors = {
  group_code_chats_required: { status: 400, 'zh-CN': '请选择 1–5 个客户群', 'en-US': 'Choose 1 to 5 customer groups' },
  group_chat_unknown: { status: 400, 'zh-CN': '所选客户群不存在', 'en-US': 'A chosen customer group does not exist' },
  group_code_wecom_rejected: { status: 422, 'zh-CN': '企业微信拒绝了该群活码配置', 'en-US': 'WeCom rejected this group code configuration' },
} satisfies ErrorTable;
