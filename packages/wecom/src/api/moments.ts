// Moment (朋友圈) queries and cancel: the list, per-staff publish status, who may see it, who was shown it,
// likes and comments. add_moment_task / get_moment_task_result live with transfer.ts where they began.
import { paginate } from '../paginate';
import type { WecomResponse } from '../types/base';
import type {
  GetMomentCommentsResponse,
  GetMomentCustomerListRequest,
  GetMomentCustomerListResponse,
  GetMomentListRequest,
  GetMomentListResponse,
  GetMomentSendResultRequest,
  GetMomentSendResultResponse,
  GetMomentTaskRequest,
  GetMomentTaskResponse,
  MomentListItem,
  MomentTaskEntry,
} from '../types/moment-queries';
import type { Caller } from './caller';

const EC = 'externalcontact';

export function momentApi(c: Caller) {
  const getMomentList = (req: GetMomentListRequest) => c.post<GetMomentListResponse>(`${EC}/get_moment_list`, req);
  const getMomentTask = (req: GetMomentTaskRequest) => c.post<GetMomentTaskResponse>(`${EC}/get_moment_task`, req);
  const getMomentCustomerList = (req: GetMomentCustomerListRequest) =>
    c.post<GetMomentCustomerListResponse>(`${EC}/get_moment_customer_list`, req);
  const getMomentSendResult = (req: GetMomentSendResultRequest) =>
    c.post<GetMomentSendResultResponse>(`${EC}/get_moment_send_result`, req);
  return {
    getMomentList,
    getMomentTask,
    getMomentCustomerList,
    getMomentSendResult,
    getMomentComments: (moment_id: string, userid: string) =>
      c.post<GetMomentCommentsResponse>(`${EC}/get_moment_comments`, { moment_id, userid }),
    cancelMomentTask: (moment_id: string) => c.post<WecomResponse>(`${EC}/cancel_moment_task`, { moment_id }),

    iterateMomentList(req: Omit<GetMomentListRequest, 'cursor'>): AsyncGenerator<MomentListItem, void, undefined> {
      return paginate((cursor) => getMomentList({ ...req, cursor }), (p) => p.moment_list, (p) => p.next_cursor);
    },
    iterateMomentTask(moment_id: string): AsyncGenerator<MomentTaskEntry, void, undefined> {
      return paginate((cursor) => getMomentTask({ moment_id, cursor, limit: 1000 }), (p) => p.task_list, (p) => p.next_cursor);
    },
    iterateMomentCustomers(moment_id: string, userid: string): AsyncGenerator<{ userid: string; external_userid: string }, void, undefined> {
      return paginate(
        (cursor) => getMomentCustomerList({ moment_id, userid, cursor, limit: 1000 }),
        (p) => p.customer_list,
        (p) => p.next_cursor,
      );
    },
    iterateMomentSendResult(moment_id: string, userid: string): AsyncGenerator<{ external_userid: string }, void, undefined> {
      return paginate(
        (cursor) => getMomentSendResult({ moment_id, userid, cursor, limit: 5000 }),
        (p) => p.customer_list,
        (p) => p.next_cursor,
      );
    },
  };
}
