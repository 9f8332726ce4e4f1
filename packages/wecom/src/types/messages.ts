import type { MessageAttachment, TextContent, WecomResponse } from './base';

export interface SendWelcomeMsgRequest {
  /** From the add callback; valid for 20 seconds. */
  welcome_code: string;
  /** content ≤ 4000 bytes. */
  text?: TextContent;
  /** ≤ 9. */
  attachments?: MessageAttachment[];
}

export type MassChatType = 'single' | 'group';

export interface AddMsgTemplateRequest {
  chat_type?: MassChatType;
  /** ≤ 10,000 (single). */
  external_userid?: string[];
  /** ≤ 2,000 (group). */
  chat_id_list?: string[];
  tag_filter?: { group_list: { tag_list: string[] }[] };
  /** Required for group. */
  sender?: string;
  allow_select?: boolean;
  text?: TextContent;
  attachments?: MessageAttachment[];
}

export interface AddMsgTemplateResponse extends WecomResponse {
  fail_list?: string[];
  msgid: string;
}

export interface GetGroupMsgListV2Request {
  chat_type: MassChatType;
  start_time: number;
  end_time: number;
  creator?: string;
  /** 0 by corp, 1 by staff, 2 all. */
  filter_type?: 0 | 1 | 2;
  limit?: number;
  cursor?: string;
}

export interface GroupMsg {
  msgid: string;
  creator?: string;
  create_time: string;
  /** 0 by corp, 1 by staff. */
  create_type: 0 | 1;
  text?: TextContent;
  attachments?: MessageAttachment[];
}

export interface GetGroupMsgListV2Response extends WecomResponse {
  group_msg_list: GroupMsg[];
  next_cursor?: string;
}

export interface GetGroupMsgTaskRequest {
  msgid: string;
  /** ≤ 1000. */
  limit?: number;
  cursor?: string;
}

export interface GroupMsgTask {
  userid: string;
  /** 0 unsent, 2 sent. */
  status: number;
  send_time?: number;
}

export interface GetGroupMsgTaskResponse extends WecomResponse {
  task_list: GroupMsgTask[];
  next_cursor?: string;
}

export interface GetGroupMsgSendResultRequest {
  msgid: string;
  userid: string;
  limit?: number;
  cursor?: string;
}

export interface GroupMsgSendResult {
  external_userid?: string;
  chat_id?: string;
  userid: string;
  /** 0 unsent, 1 sent, 2 not a friend, 3 already received another mass message. */
  status: 0 | 1 | 2 | 3;
  send_time?: number;
}

export interface GetGroupMsgSendResultResponse extends WecomResponse {
  send_list: GroupMsgSendResult[];
  next_cursor?: string;
}

export interface MsgIdRequest {
  msgid: string;
}
