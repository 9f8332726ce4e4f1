import type { WecomResponse } from './base';

export interface TransferCustomerRequest {
  handover_userid: string;
  takeover_userid: string;
  /** ≤ 100. */
  external_userid: string[];
}

export interface OnJobTransferCustomerRequest extends TransferCustomerRequest {
  /** ≤ 200 chars. */
  transfer_success_msg?: string;
}

export interface TransferCustomerResponse extends WecomResponse {
  customer: { external_userid: string; errcode: number }[];
}

export interface GetUnassignedListRequest {
  cursor?: string;
  /** ≤ 1000. */
  page_size?: number;
}

export interface UnassignedCustomer {
  handover_userid: string;
  external_userid: string;
  dimission_time: number;
}

export interface GetUnassignedListResponse extends WecomResponse {
  info: UnassignedCustomer[];
  is_last?: boolean;
  next_cursor?: string;
}

export interface TransferResultRequest {
  handover_userid: string;
  takeover_userid: string;
  cursor?: string;
}

export interface TransferResultCustomer {
  external_userid: string;
  /** 1 done, 2 waiting, 3 refused, 4 taker at capacity. */
  status: number;
  takeover_time: number;
}

export interface TransferResultResponse extends WecomResponse {
  customer: TransferResultCustomer[];
  next_cursor?: string;
}
