import { paginate } from '../paginate';
import type { WecomResponse } from '../types/base';
import type {
  AddMsgTemplateRequest,
  AddMsgTemplateResponse,
  GetGroupMsgListV2Request,
  GetGroupMsgListV2Response,
  GetGroupMsgSendResultRequest,
  GetGroupMsgSendResultResponse,
  GetGroupMsgTaskRequest,
  GetGroupMsgTaskResponse,
  GroupMsg,
  GroupMsgSendResult,
  GroupMsgTask,
  SendWelcomeMsgRequest,
} from '../types/messages';
import type { Caller } from './caller';

const EC = 'externalcontact';

export function messageApi(c: Caller) {
  const getGroupMsgListV2 = (req: GetGroupMsgListV2Request) =>
    c.post<GetGroupMsgListV2Response>(`${EC}/get_groupmsg_list_v2`, req);
  const getGroupMsgTask = (req: GetGroupMsgTaskRequest) =>
    c.post<GetGroupMsgTaskResponse>(`${EC}/get_groupmsg_task`, req);
  const getGroupMsgSendResult = (req: GetGroupMsgSendResultRequest) =>
    c.post<GetGroupMsgSendResultResponse>(`${EC}/get_groupmsg_send_result`, req);

  return {
    sendWelcomeMsg: (req: SendWelcomeMsgRequest) => c.post<WecomResponse>(`${EC}/send_welcome_msg`, req),
    addMsgTemplate: (req: AddMsgTemplateRequest) => c.post<AddMsgTemplateResponse>(`${EC}/add_msg_template`, req),
    getGroupMsgListV2,
    getGroupMsgTask,
    getGroupMsgSendResult,
    remindGroupMsgSend: (msgid: string) => c.post<WecomResponse>(`${EC}/remind_groupmsg_send`, { msgid }),
    cancelGroupMsgSend: (msgid: string) => c.post<WecomResponse>(`${EC}/cancel_groupmsg_send`, { msgid }),

    iterateGroupMsgList(req: Omit<GetGroupMsgListV2Request, 'cursor'>): AsyncGenerator<GroupMsg, void, undefined> {
      return paginate(
        (cursor) => getGroupMsgListV2({ ...req, cursor }),
        (p) => p.group_msg_list,
        (p) => p.next_cursor,
      );
    },
    /** Each staff member's task for a mass message. */
    iterateGroupMsgTask(req: Omit<GetGroupMsgTaskRequest, 'cursor'>): AsyncGenerator<GroupMsgTask, void, undefined> {
      const limit = Math.min(1000, req.limit ?? 1000);
      return paginate(
        (cursor) => getGroupMsgTask({ ...req, limit, cursor }),
        (p) => p.task_list,
        (p) => p.next_cursor,
      );
    },
    /** Per-recipient results of one staff member's share of a mass message. */
    iterateGroupMsgSendResult(
      req: Omit<GetGroupMsgSendResultRequest, 'cursor'>,
    ): AsyncGenerator<GroupMsgSendResult, void, undefined> {
      const limit = Math.min(1000, req.limit ?? 1000);
      return paginate(
        (cursor) => getGroupMsgSendResult({ ...req, limit, cursor }),
        (p) => p.send_list,
        (p) => p.next_cursor,
      );
    },
  };
}
