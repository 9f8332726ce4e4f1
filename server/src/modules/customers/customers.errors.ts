// Error codes of customers and their profiles: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const customersErrors = {
  invalid_field_value: { status: 400, 'zh-CN': '字段值与字段类型不符', 'en-US': 'The value does not match the field type' },
} satisfies ErrorTable;
