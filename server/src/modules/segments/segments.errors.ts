// Error codes of segments and dynamic tags: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const segmentsErrors = {
  invalid_rule: { status: 400, 'zh-CN': '分群规则不正确', 'en-US': 'The segment rule is invalid' },
  segment_rule_cycle: { status: 400, 'zh-CN': '分群规则直接或经由其他分群引用了自身，不能保存', 'en-US': 'The segment rule refers to itself (directly or through other segments) and cannot be saved' },
  segment_in_use: { status: 409, 'zh-CN': '该分群被其他分群引用，不能删除', 'en-US': 'Another segment refers to this one: it cannot be deleted' },
  segment_tag_invalid: { status: 400, 'zh-CN': '动态标签需要一个已存在的企业标签', 'en-US': 'A dynamic tag needs an existing corp tag' },
} satisfies ErrorTable;
