// Error codes of staff: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const staffErrors = {
  staff_unknown: { status: 400, 'zh-CN': '所选员工不存在', 'en-US': 'A chosen staff member does not exist' },
} satisfies ErrorTable;
