// Error codes of sign-in, passwords and first-time setup: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const authErrors = {
  invalid_credentials: { status: 401, 'zh-CN': '邮箱或密码错误', 'en-US': 'Wrong email or password' },
  weak_password: { status: 400, 'zh-CN': '密码至少 8 位', 'en-US': 'The password needs at least 8 characters' },
  wrong_password: { status: 400, 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  setup_done: { status: 409, 'zh-CN': '系统已初始化', 'en-US': 'Siyu is already set up' },
} satisfies ErrorTable;
