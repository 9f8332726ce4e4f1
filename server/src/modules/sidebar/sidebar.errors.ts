// Error codes of the chat sidebar: HTTP status and zh-CN / en-US texts (shown on the guide's phone as they are).
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const sidebarErrors = {
  sidebar_signed_out: { status: 401, 'zh-CN': '侧边栏登录已失效，请重新打开侧边栏', 'en-US': 'The sidebar session has ended: open the sidebar again' },
  sidebar_oauth_code_invalid: { status: 401, 'zh-CN': '企业微信登录码已过期或已被使用，请重新打开侧边栏', 'en-US': 'The WeCom sign-in code expired or was already used: open the sidebar again' },
  sidebar_oauth_state_invalid: { status: 401, 'zh-CN': '登录请求已失效，请重新打开侧边栏', 'en-US': 'The sign-in request is no longer valid: open the sidebar again' },
  sidebar_not_staff: { status: 403, 'zh-CN': '当前企业微信账号不是本企业的员工', 'en-US': 'This WeCom account is not a staff member of the company' },
  sidebar_corp_unknown: { status: 404, 'zh-CN': '侧边栏地址中的企业未接入私域', 'en-US': 'The company in the sidebar address is not connected to Siyu' },
  sidebar_app_not_configured: { status: 409, 'zh-CN': '企业微信应用（AgentId 与 Secret）尚未配置，无法使用侧边栏', 'en-US': 'The WeCom app (agent id and secret) is not set up, so the sidebar cannot work' },
  sidebar_url_not_allowed: { status: 400, 'zh-CN': '只能为本系统的侧边栏页面签名', 'en-US': 'Only this server’s sidebar page can be signed' },
  sidebar_customer_not_yours: { status: 404, 'zh-CN': '这位客户不是你的客户（或尚未同步）', 'en-US': 'This customer is not one of yours (or not synced yet)' },
  sidebar_group_not_yours: { status: 404, 'zh-CN': '这个客户群不是你的群（或尚未同步）', 'en-US': 'This group is not one of yours (or not synced yet)' },
  sidebar_task_gone: { status: 404, 'zh-CN': '这条待办已处理，或不是你的待办', 'en-US': 'This task is already handled or is not yours' },
  sidebar_item_gone: { status: 404, 'zh-CN': '该话术或素材已被删除', 'en-US': 'This script or material has been deleted' },
  sidebar_tags_forbidden: { status: 409, 'zh-CN': '企业微信未授权本应用修改客户标签（48009），标签暂不可用，其余功能正常', 'en-US': 'WeCom does not allow this app to change customer tags (48009): tagging is off, everything else works' },
} satisfies ErrorTable;
