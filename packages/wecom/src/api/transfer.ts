import { paginate } from '../paginate';
import type { AddMomentTaskRequest, AddMomentTaskResponse, GetMomentTaskResultResponse } from '../types/moments';
import type {
  GetUnassignedListRequest,
  GetUnassignedListResponse,
  OnJobTransferCustomerRequest,
  TransferCustomerRequest,
  TransferCustomerResponse,
  TransferResultCustomer,
  TransferResultRequest,
  TransferResultResponse,
  UnassignedCustomer,
} from '../types/transfer';
import type { Caller } from './caller';

const EC = 'externalcontact';

export function transferApi(c: Caller) {
  const getUnassignedList = (req: GetUnassignedListRequest = {}) =>
    c.post<GetUnassignedListResponse>(`${EC}/get_unassigned_list`, req);
  const getResignedTransferResult = (req: TransferResultRequest) =>
    c.post<TransferResultResponse>(`${EC}/resigned/transfer_result`, req);
  const getTransferResult = (req: TransferResultRequest) =>
    c.post<TransferResultResponse>(`${EC}/transfer_result`, req);

  return {
    transferResignedCustomer: (req: TransferCustomerRequest) =>
      c.post<TransferCustomerResponse>(`${EC}/resigned/transfer_customer`, req),
    getUnassignedList,
    getResignedTransferResult,
    transferCustomer: (req: OnJobTransferCustomerRequest) =>
      c.post<TransferCustomerResponse>(`${EC}/transfer_customer`, req),
    getTransferResult,

    /** Customers of resigned staff awaiting a new owner. */
    iterateUnassigned(
      req: Omit<GetUnassignedListRequest, 'cursor'> = {},
    ): AsyncGenerator<UnassignedCustomer, void, undefined> {
      const page_size = Math.min(1000, req.page_size ?? 1000);
      return paginate(
        (cursor) => getUnassignedList({ page_size, cursor }),
        (p) => p.info,
        (p) => (p.is_last ? undefined : p.next_cursor),
      );
    },
    iterateResignedTransferResult(
      req: Omit<TransferResultRequest, 'cursor'>,
    ): AsyncGenerator<TransferResultCustomer, void, undefined> {
      return paginate(
        (cursor) => getResignedTransferResult({ ...req, cursor }),
        (p) => p.customer,
        (p) => p.next_cursor,
      );
    },
    iterateTransferResult(
      req: Omit<TransferResultRequest, 'cursor'>,
    ): AsyncGenerator<TransferResultCustomer, void, undefined> {
      return paginate(
        (cursor) => getTransferResult({ ...req, cursor }),
        (p) => p.customer,
        (p) => p.next_cursor,
      );
    },

    addMomentTask: (req: AddMomentTaskRequest) => c.post<AddMomentTaskResponse>(`${EC}/add_moment_task`, req),
    getMomentTaskResult: (jobid: string) =>
      c.get<GetMomentTaskResultResponse>(`${EC}/get_moment_task_result`, { jobid }),
  };
}
