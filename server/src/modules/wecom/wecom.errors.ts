// Error codes of the WeCom connection: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const wecomErrors = {
  wecom_not_connected: { status: 409, 'zh-CN': '尚未连接企业微信，请先填写企业 ID 和客户联系 Secret', 'en-US': 'WeCom is not connected yet: set the corp ID and the customer-contact secret first' },
} satisfies ErrorTable;
