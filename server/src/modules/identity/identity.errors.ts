// Error codes of customer identities and merges: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const identityErrors = {
  identity_conflict: { status: 409, 'zh-CN': '该身份属于另一位企业微信客户，无法合并', 'en-US': 'This identity belongs to another WeCom customer; the profiles cannot be merged' },
} satisfies ErrorTable;
