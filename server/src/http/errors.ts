export type ErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'unsupported_media_type'
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
  | 'wecom_unavailable'
  | 'wecom_not_connected'
  | 'internal';

const status: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
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
  wecom_unavailable: 502,
  wecom_not_connected: 409,
  internal: 500,
};

const messages: Record<ErrorCode, { 'zh-CN': string; 'en-US': string }> = {
  invalid_request: { 'zh-CN': '请求参数不正确', 'en-US': 'The request is invalid' },
  invalid_json: { 'zh-CN': '请求体不是合法的 JSON', 'en-US': 'The request body is not valid JSON' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
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
  wecom_unavailable: { 'zh-CN': '企业微信接口暂不可用', 'en-US': 'WeCom is unavailable' },
  wecom_not_connected: { 'zh-CN': '尚未连接企业微信，请先填写企业 ID 和客户联系 Secret', 'en-US': 'WeCom is not connected yet: set the corp ID and the customer-contact secret first' },
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
