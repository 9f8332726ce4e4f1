import type { WecomResponse } from './base';

export interface Department {
  id: number;
  name: string;
  name_en?: string;
  department_leader?: string[];
  parentid: number;
  order: number;
}

export interface DepartmentListResponse extends WecomResponse {
  department: Department[];
}

export interface UserListRequest {
  department_id: number;
  /** Default true: include sub-departments. */
  fetch_child?: boolean;
}

export interface OrgUser {
  userid: string;
  name: string;
  department: number[];
  mobile?: string;
  /** 1 active, 2 disabled, 4 not activated, 5 resigned. */
  status: number;
  position?: string;
  gender?: string;
  email?: string;
  avatar?: string;
}

export interface UserListResponse extends WecomResponse {
  userlist: OrgUser[];
}

export interface AppTextMessageRequest {
  /** `userid|userid` or `@all`. */
  touser?: string;
  toparty?: string;
  totag?: string;
  msgtype: 'text';
  agentid: number;
  text: { content: string };
  safe?: 0 | 1;
  enable_duplicate_check?: 0 | 1;
  duplicate_check_interval?: number;
}

export interface AppMessageResponse extends WecomResponse {
  invaliduser?: string;
  invalidparty?: string;
  invalidtag?: string;
  unlicenseduser?: string;
  msgid?: string;
  response_code?: string;
}

export interface TicketResponse extends WecomResponse {
  ticket: string;
  expires_in: number;
}

/** `auth/getuserinfo`: newer docs spell it `userid`, older `UserId`; non-members get `openid`/`external_userid`. */
export interface GetUserInfoResponse extends WecomResponse {
  userid?: string;
  UserId?: string;
  user_ticket?: string;
  DeviceId?: string;
  openid?: string;
  OpenId?: string;
  external_userid?: string;
}

export interface AccessTokenResponse extends WecomResponse {
  access_token: string;
  expires_in: number;
}
