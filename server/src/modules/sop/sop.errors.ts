// Error codes of customer SOP: HTTP status and zh-CN / en-US texts, each saying what to change.
import type { ErrorTable } from '../../http/error-table';

export const sopErrors = {
  sop_flow_invalid: { status: 400, 'zh-CN': 'SOP 流程有误，请按提示修改对应步骤', 'en-US': 'The SOP flow is not valid; fix the step named in the message' },
  sop_flow_not_editable: { status: 409, 'zh-CN': '该 SOP 已归档，不能再修改或启用', 'en-US': 'This SOP is archived; it can no longer be changed or activated' },
  sop_flow_state: { status: 409, 'zh-CN': '该 SOP 当前状态不能执行此操作', 'en-US': 'This SOP cannot do that in its current state' },
  sop_task_closed: { status: 409, 'zh-CN': '该任务已完成或已忽略', 'en-US': 'This task is already done or dismissed' },
} satisfies ErrorTable;
