// Error codes of the script library: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const scriptsErrors = {
  script_folder_unknown: { status: 400, 'zh-CN': '所选话术分组不存在', 'en-US': 'The chosen script folder does not exist' },
  script_folder_taken: { status: 409, 'zh-CN': '已有同名的话术分组', 'en-US': 'A script folder with this name already exists' },
} satisfies ErrorTable;
