// Error codes of stores and store codes: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const storesErrors = {
  store_import_invalid: { status: 400, 'zh-CN': '无法读取导入文件，请上传 CSV 或 XLSX', 'en-US': 'The file cannot be read: upload a CSV or XLSX file' },
} satisfies ErrorTable;
