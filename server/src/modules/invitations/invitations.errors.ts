// Error codes of invitations: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const invitationsErrors = {
  invitation_invalid: { status: 404, 'zh-CN': '邀请链接无效、已过期或已使用', 'en-US': 'This invitation is invalid, expired or already used' },
} satisfies ErrorTable;
