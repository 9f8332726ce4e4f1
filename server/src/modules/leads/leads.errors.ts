// Error codes of leads: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const leadsErrors = {
  lead_import_unreadable: { status: 400, 'zh-CN': '无法读取文件，请上传 CSV 或 XLSX', 'en-US': 'The file could not be read: upload a CSV or XLSX file' },
  lead_import_no_phone_column: { status: 400, 'zh-CN': '文件缺少“手机号/phone”列', 'en-US': 'The file has no "phone" column' },
  lead_import_empty: { status: 400, 'zh-CN': '文件中没有线索', 'en-US': 'The file contains no leads' },
  lead_import_too_many: { status: 400, 'zh-CN': '单次最多导入 100,000 条线索', 'en-US': 'At most 100,000 leads per import' },
  lead_batch_not_ready: { status: 409, 'zh-CN': '该批次尚未导入完成', 'en-US': 'This batch has not finished importing' },
  lead_staff_unknown: { status: 400, 'zh-CN': '所选员工不存在或已离职', 'en-US': 'A chosen staff member does not exist or has left' },
  lead_not_assigned: { status: 409, 'zh-CN': '该线索尚未分配给员工', 'en-US': 'This lead is not assigned to a staff member' },
  lead_already_added: { status: 409, 'zh-CN': '该线索已添加为客户', 'en-US': 'This lead was already added' },
  lead_not_followed: { status: 409, 'zh-CN': '该客户不是负责员工的好友', 'en-US': 'This customer is not a friend of the assigned staff member' },
} satisfies ErrorTable;
