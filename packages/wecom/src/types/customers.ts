import type { WecomResponse } from './base';

export interface GetFollowUserListResponse extends WecomResponse {
  follow_user: string[];
}

export interface ListExternalContactResponse extends WecomResponse {
  external_userid: string[];
}

export interface ExternalAttr {
  /** 0 text, 1 web, 2 mini-program. */
  type: 0 | 1 | 2;
  name: string;
  text?: { value: string };
  web?: { url: string; title: string };
  miniprogram?: { appid: string; pagepath: string; title: string };
}

export interface ExternalContact {
  external_userid: string;
  name: string;
  avatar?: string;
  /** 1 WeChat user, 2 WeCom user. */
  type: 1 | 2;
  /** 0 unknown, 1 male, 2 female. */
  gender?: 0 | 1 | 2;
  unionid?: string;
  position?: string;
  corp_name?: string;
  corp_full_name?: string;
  external_profile?: { external_attr?: ExternalAttr[] };
}

export interface FollowUserTag {
  group_name?: string;
  tag_name?: string;
  tag_id?: string;
  /** 1 corp tag, 2 personal tag, 3 rule-group tag. */
  type: 1 | 2 | 3;
}

interface FollowCommon {
  userid: string;
  remark?: string;
  description?: string;
  createtime: number;
  remark_corp_name?: string;
  remark_mobiles?: string[];
  oper_userid?: string;
  add_way?: number;
  /** The channel code `state` the customer added through. */
  state?: string;
  wechat_channels?: { nickname: string; source: number };
}

export interface FollowUser extends FollowCommon {
  tags?: FollowUserTag[];
}

export interface GetExternalContactResponse extends WecomResponse {
  external_contact: ExternalContact;
  follow_user: FollowUser[];
  /** Present when the customer has over 500 follow users. */
  next_cursor?: string;
}

export interface FollowInfo extends FollowCommon {
  tag_id?: string[];
}

export interface BatchGetByUserRequest {
  /** At most 100. */
  userid_list: string[];
  cursor?: string;
  /** At most 100. */
  limit?: number;
}

export interface ExternalContactWithFollowInfo {
  external_contact: ExternalContact;
  follow_info: FollowInfo;
}

export interface BatchGetByUserResponse extends WecomResponse {
  external_contact_list: ExternalContactWithFollowInfo[];
  next_cursor?: string;
  fail_info?: { unlicensed_userid_list?: string[] };
}

export interface RemarkRequest {
  userid: string;
  external_userid: string;
  /** ≤ 20 chars. */
  remark?: string;
  /** ≤ 150 chars. */
  description?: string;
  /** ≤ 20 chars. */
  remark_company?: string;
  remark_mobiles?: string[];
  remark_pic_mediaid?: string;
}
