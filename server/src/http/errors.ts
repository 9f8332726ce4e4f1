// The error codes Siyu answers with: the platform's own here (request shape, access, limits, WeCom unreachable,
// internal), each module's in its <term>.errors.ts, assembled into one registry of HTTP status and zh-CN / en-US text.
import { authErrors } from '../modules/auth/auth.errors';
import { broadcastsErrors } from '../modules/broadcasts/broadcasts.errors';
import { channelsErrors } from '../modules/channels/channels.errors';
import { customersErrors } from '../modules/customers/customers.errors';
import { eventsErrors } from '../modules/events/events.errors';
import { fissionErrors } from '../modules/fission/fission.errors';
import { groupCodesErrors } from '../modules/group-codes/group-codes.errors';
import { groupSopErrors } from '../modules/sop/group-sop.errors';
import { sopErrors } from '../modules/sop/sop.errors';
import { identityErrors } from '../modules/identity/identity.errors';
import { invitationsErrors } from '../modules/invitations/invitations.errors';
import { leadsErrors } from '../modules/leads/leads.errors';
import { materialsErrors } from '../modules/materials/materials.errors';
import { momentsErrors } from '../modules/moments/moments.errors';
import { membershipErrors } from '../modules/membership/membership.errors';
import { scriptsErrors } from '../modules/scripts/scripts.errors';
import { segmentsErrors } from '../modules/segments/segments.errors';
import { sidebarErrors } from '../modules/sidebar/sidebar.errors';
import { staffErrors } from '../modules/staff/staff.errors';
import { stagesErrors } from '../modules/stages/stages.errors';
import { storesErrors } from '../modules/stores/stores.errors';
import { tagsErrors } from '../modules/tags/tags.errors';
import { usersErrors } from '../modules/users/users.errors';
import { wecomErrors } from '../modules/wecom/wecom.errors';
import type { ErrorTable } from './error-table';

const platformErrors = {
  invalid_request: { status: 400, 'zh-CN': '请求参数不正确', 'en-US': 'The request is invalid' },
  invalid_json: { status: 400, 'zh-CN': '请求体不是合法的 JSON', 'en-US': 'The request body is not valid JSON' },
  unsupported_media_type: { status: 415, 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  invalid_text: { status: 400, 'zh-CN': '文本包含不允许的字符（空字符或无效的 Unicode）', 'en-US': 'The text contains a character that is not allowed (NUL or invalid Unicode)' },
  nesting_too_deep: { status: 400, 'zh-CN': '请求体嵌套层级过深', 'en-US': 'The request body is nested too deeply' },
  cross_site_request: { status: 403, 'zh-CN': '拒绝来自其他站点的请求', 'en-US': 'Requests from another site are refused' },
  payload_too_large: { status: 413, 'zh-CN': '请求体过大', 'en-US': 'The request body is too large' },
  unauthenticated: { status: 401, 'zh-CN': '请先登录', 'en-US': 'Please log in' },
  forbidden: { status: 403, 'zh-CN': '没有权限执行此操作', 'en-US': 'You are not allowed to do this' },
  rate_limited: { status: 429, 'zh-CN': '尝试次数过多，请稍后再试', 'en-US': 'Too many attempts, try again later' },
  not_found: { status: 404, 'zh-CN': '记录不存在', 'en-US': 'Not found' },
  conflict: { status: 409, 'zh-CN': '记录已存在', 'en-US': 'Already exists' },
  wecom_unavailable: { status: 502, 'zh-CN': '企业微信接口暂不可用', 'en-US': 'WeCom is unavailable' },
  invalid_file: { status: 400, 'zh-CN': '文件无法解析，请上传 CSV 或 XLSX', 'en-US': 'The file cannot be read: upload a CSV or XLSX file' },
  internal: { status: 500, 'zh-CN': '服务器内部错误', 'en-US': 'Internal server error' },
} satisfies ErrorTable;

const registry = {
  ...platformErrors,
  ...authErrors,
  ...broadcastsErrors,
  ...channelsErrors,
  ...customersErrors,
  ...eventsErrors,
  ...fissionErrors,
  ...groupCodesErrors,
  ...groupSopErrors,
  ...sopErrors,
  ...identityErrors,
  ...invitationsErrors,
  ...leadsErrors,
  ...materialsErrors,
  ...momentsErrors,
  ...membershipErrors,
  ...scriptsErrors,
  ...segmentsErrors,
  ...sidebarErrors,
  ...staffErrors,
  ...stagesErrors,
  ...storesErrors,
  ...tagsErrors,
  ...usersErrors,
  ...wecomErrors,
} satisfies ErrorTable;

export type ErrorCode = keyof typeof registry;

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
  return registry[code].status;
}

export function messageOf(code: ErrorCode, locale: Locale): string {
  return registry[code][locale];
}

export function pickLocale(acceptLanguage: string | undefined, cookie: string | undefined): Locale {
  const pref = cookie ?? acceptLanguage ?? '';
  return /^en/i.test(pref) ? 'en-US' : 'zh-CN';
}
