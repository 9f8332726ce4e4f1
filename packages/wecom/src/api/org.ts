import type {
  AppMessageResponse,
  AppTextMessageRequest,
  DepartmentListResponse,
  GetUserInfoResponse,
  TicketResponse,
  UserListResponse,
} from '../types/org';
import type { Caller } from './caller';

export function orgApi(c: Caller) {
  return {
    /** All departments, or one department and its children. */
    listDepartments: (id?: number) => c.get<DepartmentListResponse>('department/list', { id }),
    listUsers: (departmentId: number, fetchChild = true) =>
      c.get<UserListResponse>('user/list', { department_id: departmentId, fetch_child: fetchChild ? 1 : 0 }),
    /** App message to staff (reminders). */
    sendAppMessage: (req: AppTextMessageRequest) => c.post<AppMessageResponse>('message/send', req),
    /** Corp jsapi ticket (uncached; prefer `client.jsapiTicket('corp')`). */
    getJsapiTicket: () => c.get<TicketResponse>('get_jsapi_ticket'),
    /** App (agent_config) jsapi ticket (uncached; prefer `client.jsapiTicket('agent')`). */
    getAgentConfigTicket: () => c.get<TicketResponse>('ticket/get', { type: 'agent_config' }),
    /** OAuth code → member identity. */
    getUserInfoByCode: (code: string) => c.get<GetUserInfoResponse>('auth/getuserinfo', { code }),
  };
}

/** The member's userid from `auth/getuserinfo`, whichever spelling WeCom used. */
export function userIdOf(res: GetUserInfoResponse): string | undefined {
  return res.userid ?? res.UserId;
}
