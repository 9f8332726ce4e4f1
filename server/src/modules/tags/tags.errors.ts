// Error codes of tags: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const tagsErrors = {
  bulk_tag_too_many: { status: 400, 'zh-CN': '单次批量打标签最多 100,000 位客户，请缩小筛选范围', 'en-US': 'At most 100,000 customers per bulk tagging: narrow the filter' },
  bulk_tag_no_customers: { status: 400, 'zh-CN': '没有符合筛选条件的客户', 'en-US': 'No customer matches the filter' },
  tag_unknown: { status: 400, 'zh-CN': '所选标签或标签组不存在', 'en-US': 'A chosen tag or tag group does not exist' },
} satisfies ErrorTable;
