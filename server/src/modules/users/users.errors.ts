// Error codes of the corp's logins and roles: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const usersErrors = {
  last_admin: { status: 409, 'zh-CN': '不能移除最后一位管理员', 'en-US': 'The last admin cannot be removed' },
} satisfies ErrorTable;
