// Error codes of stages and pipelines: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const stagesErrors = {
  stage_reassign_required: { status: 409, 'zh-CN': '该阶段仍有客户，请选择转入的阶段', 'en-US': 'Customers are still in this stage: choose a stage to move them to' },
  stage_rule_cycle: { status: 400, 'zh-CN': '阶段的自动规则直接或经由分群引用了该阶段自身，不能保存', 'en-US': 'The stage entry rule refers to this same stage (directly or through segments) and cannot be saved' },
  stage_rules_none: { status: 409, 'zh-CN': '该阶段组还没有设置自动规则的阶段', 'en-US': 'No stage of this pipeline has an entry rule' },
} satisfies ErrorTable;
