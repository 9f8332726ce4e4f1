import type { WecomResponse } from './base';

export interface OwnerFilter {
  /** ≤ 100. */
  userid_list: string[];
}

export interface GroupChatListRequest {
  /** 0 all, 1 leaving owner's transfer, 2 transferring, 3 transferred. */
  status_filter?: 0 | 1 | 2 | 3;
  owner_filter?: OwnerFilter;
  cursor?: string;
  /** 1–1000. */
  limit: number;
}

export interface GroupChatListItem {
  chat_id: string;
  status: number;
}

export interface GroupChatListResponse extends WecomResponse {
  group_chat_list: GroupChatListItem[];
  next_cursor?: string;
}

export interface GroupChatGetRequest {
  chat_id: string;
  need_name?: 0 | 1;
}

export interface GroupChatMember {
  userid: string;
  /** 1 staff, 2 external contact. */
  type: 1 | 2;
  unionid?: string;
  join_time: number;
  /** 1 invited, 2 link, 3 QR code. */
  join_scene: number;
  invitor?: { userid: string };
  group_nickname?: string;
  name?: string;
}

export interface GroupChat {
  chat_id: string;
  name: string;
  owner: string;
  create_time: number;
  notice?: string;
  member_list: GroupChatMember[];
  admin_list?: { userid: string }[];
  member_version?: string;
}

export interface GroupChatGetResponse extends WecomResponse {
  group_chat: GroupChat;
}

export interface JoinWayConfig {
  /** 1 mini-program button, 2 QR code. */
  scene: 1 | 2;
  remark?: string;
  /** Default 1: a full group spawns the next one. */
  auto_create_room?: 0 | 1;
  /** ≤ 40 chars. */
  room_base_name?: string;
  room_base_id?: number;
  /** ≤ 5. */
  chat_id_list: string[];
  /** ≤ 30 chars. */
  state?: string;
  mark_source?: boolean;
}

export interface AddJoinWayResponse extends WecomResponse {
  config_id: string;
}

export interface JoinWay extends JoinWayConfig {
  config_id: string;
  qr_code?: string;
}

export interface GetJoinWayResponse extends WecomResponse {
  join_way: JoinWay;
}

export interface UpdateJoinWayRequest extends JoinWayConfig {
  config_id: string;
}

export interface GroupChatStatData {
  new_chat_cnt: number;
  chat_total: number;
  chat_has_msg: number;
  new_member_cnt: number;
  member_total: number;
  member_has_msg: number;
  msg_total: number;
  migrate_trainee_chat_cnt?: number;
}

export interface GroupChatStatisticRequest {
  day_begin_time: number;
  day_end_time?: number;
  owner_filter: OwnerFilter;
  /** 1 new chats, 2 total chats, 3 new members, 4 total members. */
  order_by?: 1 | 2 | 3 | 4;
  order_asc?: 0 | 1;
  offset?: number;
  limit?: number;
}

export interface GroupChatStatisticResponse extends WecomResponse {
  total: number;
  next_offset: number;
  items: { owner: string; data: GroupChatStatData }[];
}

export interface GroupChatStatisticByDayRequest {
  day_begin_time: number;
  day_end_time?: number;
  owner_filter: OwnerFilter;
}

export interface GroupChatStatisticByDayResponse extends WecomResponse {
  items: { stat_time: number; data: GroupChatStatData }[];
}

export interface UserBehaviorDataRequest {
  /** ≤ 100. */
  userid?: string[];
  partyid?: number[];
  start_time: number;
  end_time: number;
}

export interface UserBehaviorData {
  stat_time: number;
  chat_cnt: number;
  message_cnt: number;
  reply_percentage: number;
  avg_reply_time: number;
  negative_feedback_cnt: number;
  new_apply_cnt: number;
  new_contact_cnt: number;
}

export interface UserBehaviorDataResponse extends WecomResponse {
  behavior_data: UserBehaviorData[];
}
