export type ErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'invalid_text'
  | 'nesting_too_deep'
  | 'cross_site_request'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid_credentials'
  | 'rate_limited'
  | 'not_found'
  | 'conflict'
  | 'weak_password'
  | 'wrong_password'
  | 'setup_done'
  | 'last_admin'
  | 'invitation_invalid'
  | 'wecom_unavailable'
  | 'wecom_not_connected'
  | 'channel_state_taken'
  | 'channel_staff_required'
  | 'channel_wecom_rejected'
  | 'group_code_chats_required'
  | 'store_import_invalid'
  | 'invalid_api_key'
  | 'insufficient_scope'
  | 'invalid_signature'
  | 'identity_conflict'
  | 'invalid_file'
  | 'invalid_field_value'
  | 'stage_reassign_required'
  | 'insufficient_points'
  | 'lead_import_unreadable'
  | 'lead_import_no_phone_column'
  | 'lead_import_empty'
  | 'lead_import_too_many'
  | 'lead_batch_not_ready'
  | 'lead_staff_unknown'
  | 'lead_not_assigned'
  | 'lead_already_added'
  | 'lead_not_followed'
  | 'fission_invalid_dates'
  | 'fission_reward_invalid'
  | 'fission_campaign_inactive'
  | 'fission_customer_unknown'
  | 'invalid_rule'
  | 'segment_in_use'
  | 'segment_tag_invalid'
  | 'bulk_tag_too_many'
  | 'bulk_tag_no_customers'
  | 'rfm_thresholds_invalid'
  | 'levels_invalid'
  | 'stage_rules_none'
  | 'tag_unknown'
  | 'staff_unknown'
  | 'group_chat_unknown'
  | 'internal';

const status: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  invalid_text: 400,
  nesting_too_deep: 400,
  cross_site_request: 403,
  payload_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  invalid_credentials: 401,
  rate_limited: 429,
  not_found: 404,
  conflict: 409,
  weak_password: 400,
  wrong_password: 400,
  setup_done: 409,
  last_admin: 409,
  invitation_invalid: 404,
  wecom_unavailable: 502,
  wecom_not_connected: 409,
  channel_state_taken: 409,
  channel_staff_required: 400,
  channel_wecom_rejected: 422,
  group_code_chats_required: 400,
  store_import_invalid: 400,
  invalid_api_key: 401,
  insufficient_scope: 403,
  invalid_signature: 401,
  identity_conflict: 409,
  invalid_file: 400,
  invalid_field_value: 400,
  stage_reassign_required: 409,
  insufficient_points: 409,
  lead_import_unreadable: 400,
  lead_import_no_phone_column: 400,
  lead_import_empty: 400,
  lead_import_too_many: 400,
  lead_batch_not_ready: 409,
  lead_staff_unknown: 400,
  lead_not_assigned: 409,
  lead_already_added: 409,
  lead_not_followed: 409,
  fission_invalid_dates: 400,
  fission_reward_invalid: 400,
  fission_campaign_inactive: 409,
  fission_customer_unknown: 404,
  invalid_rule: 400,
  segment_in_use: 409,
  segment_tag_invalid: 400,
  bulk_tag_too_many: 400,
  bulk_tag_no_customers: 400,
  rfm_thresholds_invalid: 400,
  levels_invalid: 400,
  stage_rules_none: 409,
  tag_unknown: 400,
  staff_unknown: 400,
  group_chat_unknown: 400,
  internal: 500,
};

const messages: Record<ErrorCode, { 'zh-CN': string; 'en-US': string }> = {
  invalid_request: { 'zh-CN': '请求参数不正确', 'en-US': 'The request is invalid' },
  invalid_json: { 'zh-CN': '请求体不是合法的 JSON', 'en-US': 'The request body is not valid JSON' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  invalid_text: { 'zh-CN': '文本包含不允许的字符（空字符或无效的 Unicode）', 'en-US': 'The text contains a character that is not allowed (NUL or invalid Unicode)' },
  nesting_too_deep: { 'zh-CN': '请求体嵌套层级过深', 'en-US': 'The request body is nested too deeply' },
  cross_site_request: { 'zh-CN': '拒绝来自其他站点的请求', 'en-US': 'Requests from another site are refused' },
  payload_too_large: { 'zh-CN': '请求体过大', 'en-US': 'The request body is too large' },
  unauthenticated: { 'zh-CN': '请先登录', 'en-US': 'Please log in' },
  forbidden: { 'zh-CN': '没有权限执行此操作', 'en-US': 'You are not allowed to do this' },
  invalid_credentials: { 'zh-CN': '邮箱或密码错误', 'en-US': 'Wrong email or password' },
  rate_limited: { 'zh-CN': '尝试次数过多，请稍后再试', 'en-US': 'Too many attempts, try again later' },
  not_found: { 'zh-CN': '记录不存在', 'en-US': 'Not found' },
  conflict: { 'zh-CN': '记录已存在', 'en-US': 'Already exists' },
  weak_password: { 'zh-CN': '密码至少 8 位', 'en-US': 'The password needs at least 8 characters' },
  wrong_password: { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  setup_done: { 'zh-CN': '系统已初始化', 'en-US': 'Siyu is already set up' },
  last_admin: { 'zh-CN': '不能移除最后一位管理员', 'en-US': 'The last admin cannot be removed' },
  invitation_invalid: { 'zh-CN': '邀请链接无效、已过期或已使用', 'en-US': 'This invitation is invalid, expired or already used' },
  wecom_unavailable: { 'zh-CN': '企业微信接口暂不可用', 'en-US': 'WeCom is unavailable' },
  wecom_not_connected: { 'zh-CN': '尚未连接企业微信，请先填写企业 ID 和客户联系 Secret', 'en-US': 'WeCom is not connected yet: set the corp ID and the customer-contact secret first' },
  invalid_api_key: { 'zh-CN': 'API 密钥无效或已吊销', 'en-US': 'The API key is invalid or revoked' },
  insufficient_scope: { 'zh-CN': 'API 密钥没有此权限', 'en-US': 'The API key lacks the scope for this call' },
  invalid_signature: { 'zh-CN': '签名校验失败', 'en-US': 'The request signature does not match' },
  identity_conflict: { 'zh-CN': '该身份属于另一位企业微信客户，无法合并', 'en-US': 'This identity belongs to another WeCom customer; the profiles cannot be merged' },
  invalid_file: { 'zh-CN': '文件无法解析，请上传 CSV 或 XLSX', 'en-US': 'The file cannot be read: upload a CSV or XLSX file' },
  invalid_field_value: { 'zh-CN': '字段值与字段类型不符', 'en-US': 'The value does not match the field type' },
  stage_reassign_required: { 'zh-CN': '该阶段仍有客户，请选择转入的阶段', 'en-US': 'Customers are still in this stage: choose a stage to move them to' },
  insufficient_points: { 'zh-CN': '积分不足', 'en-US': 'Not enough points' },
  channel_state_taken: { 'zh-CN': '渠道参数（state）已被其他活码使用', 'en-US': 'This state is already used by another code' },
  channel_staff_required: { 'zh-CN': '请至少选择一名接待员工', 'en-US': 'Choose at least one staff member' },
  channel_wecom_rejected: { 'zh-CN': '企业微信拒绝了该活码配置', 'en-US': 'WeCom rejected this code configuration' },
  group_code_chats_required: { 'zh-CN': '请选择 1–5 个客户群', 'en-US': 'Choose 1 to 5 customer groups' },
  store_import_invalid: { 'zh-CN': '无法读取导入文件，请上传 CSV 或 XLSX', 'en-US': 'The file cannot be read: upload a CSV or XLSX file' },
  lead_import_unreadable: { 'zh-CN': '无法读取文件，请上传 CSV 或 XLSX', 'en-US': 'The file could not be read: upload a CSV or XLSX file' },
  lead_import_no_phone_column: { 'zh-CN': '文件缺少“手机号/phone”列', 'en-US': 'The file has no "phone" column' },
  lead_import_empty: { 'zh-CN': '文件中没有线索', 'en-US': 'The file contains no leads' },
  lead_import_too_many: { 'zh-CN': '单次最多导入 100,000 条线索', 'en-US': 'At most 100,000 leads per import' },
  lead_batch_not_ready: { 'zh-CN': '该批次尚未导入完成', 'en-US': 'This batch has not finished importing' },
  lead_staff_unknown: { 'zh-CN': '所选员工不存在或已离职', 'en-US': 'A chosen staff member does not exist or has left' },
  lead_not_assigned: { 'zh-CN': '该线索尚未分配给员工', 'en-US': 'This lead is not assigned to a staff member' },
  lead_already_added: { 'zh-CN': '该线索已添加为客户', 'en-US': 'This lead was already added' },
  lead_not_followed: { 'zh-CN': '该客户不是负责员工的好友', 'en-US': 'This customer is not a friend of the assigned staff member' },
  fission_invalid_dates: { 'zh-CN': '结束时间必须晚于开始时间', 'en-US': 'The end must be after the start' },
  fission_reward_invalid: { 'zh-CN': '请提供奖励链接或兑换码列表', 'en-US': 'Give a reward link or a list of reward codes' },
  fission_campaign_inactive: { 'zh-CN': '活动未开始或已结束', 'en-US': 'The campaign is not running' },
  fission_customer_unknown: { 'zh-CN': '该客户不存在', 'en-US': 'This customer is unknown' },
  invalid_rule: { 'zh-CN': '分群规则不正确', 'en-US': 'The segment rule is invalid' },
  segment_in_use: { 'zh-CN': '该分群被其他分群引用，不能删除', 'en-US': 'Another segment refers to this one: it cannot be deleted' },
  segment_tag_invalid: { 'zh-CN': '动态标签需要一个已存在的企业标签', 'en-US': 'A dynamic tag needs an existing corp tag' },
  bulk_tag_too_many: { 'zh-CN': '单次批量打标签最多 100,000 位客户，请缩小筛选范围', 'en-US': 'At most 100,000 customers per bulk tagging: narrow the filter' },
  bulk_tag_no_customers: { 'zh-CN': '没有符合筛选条件的客户', 'en-US': 'No customer matches the filter' },
  rfm_thresholds_invalid: { 'zh-CN': 'RFM 阈值必须逐级递增', 'en-US': 'Each RFM threshold must be above the previous one' },
  levels_invalid: { 'zh-CN': '等级须从 1 连续编号，1 级成长值为 0，成长值门槛逐级递增', 'en-US': 'Levels are numbered 1, 2, 3…, level 1 starts at growth 0 and each threshold is above the previous one' },
  stage_rules_none: { 'zh-CN': '该阶段组还没有设置自动规则的阶段', 'en-US': 'No stage of this pipeline has an entry rule' },
  tag_unknown: { 'zh-CN': '所选标签或标签组不存在', 'en-US': 'A chosen tag or tag group does not exist' },
  staff_unknown: { 'zh-CN': '所选员工不存在', 'en-US': 'A chosen staff member does not exist' },
  group_chat_unknown: { 'zh-CN': '所选客户群不存在', 'en-US': 'A chosen customer group does not exist' },
  internal: { 'zh-CN': '服务器内部错误', 'en-US': 'Internal server error' },
};

export type Locale = 'zh-CN' | 'en-US';

// Services throw this; only the HTTP layer turns it into a status.
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? code);
  }
}

export function statusOf(code: ErrorCode): number {
  return status[code];
}

export function messageOf(code: ErrorCode, locale: Locale): string {
  return messages[code][locale];
}

export function pickLocale(acceptLanguage: string | undefined, cookie: string | undefined): Locale {
  const pref = cookie ?? acceptLanguage ?? '';
  return /^en/i.test(pref) ? 'en-US' : 'zh-CN';
}
