// Moment queries (doc 93333 and beside it): the list, each staff member's publish status, who can see it, who was
// shown it, likes and comments, and cancelling a task.
import type { WecomResponse } from './base';

export interface GetMomentListRequest {
  /** Unix seconds; end_time - start_time ≤ 30 days. */
  start_time: number;
  end_time: number;
  creator?: string;
  /** 0 by corp, 1 by staff, 2 all (default). */
  filter_type?: 0 | 1 | 2;
  cursor?: string;
  /** ≤ 20. */
  limit?: number;
}

export interface MomentListItem {
  moment_id: string;
  creator?: string;
  create_time: number;
  /** 0 by corp, 1 by staff. */
  create_type: 0 | 1;
  /** 0 part of the customers, 1 all. */
  visible_type: 0 | 1;
  text?: { content: string };
  image?: { media_id: string }[];
  video?: { media_id: string; thumb_media_id: string };
  link?: { title: string; url: string };
}

export interface GetMomentListResponse extends WecomResponse {
  next_cursor?: string;
  moment_list: MomentListItem[];
}

export interface GetMomentTaskRequest {
  moment_id: string;
  cursor?: string;
  /** ≤ 1000. */
  limit?: number;
}

export interface MomentTaskEntry {
  userid: string;
  /** 0 not yet, 1 published. */
  publish_status: 0 | 1;
}

export interface GetMomentTaskResponse extends WecomResponse {
  next_cursor?: string;
  task_list: MomentTaskEntry[];
}

export interface GetMomentCustomerListRequest {
  moment_id: string;
  userid: string;
  cursor?: string;
  /** ≤ 1000. */
  limit?: number;
}

export interface GetMomentCustomerListResponse extends WecomResponse {
  next_cursor?: string;
  customer_list: { userid: string; external_userid: string }[];
}

export interface GetMomentSendResultRequest {
  moment_id: string;
  userid: string;
  cursor?: string;
  /** ≤ 5000. */
  limit?: number;
}

export interface GetMomentSendResultResponse extends WecomResponse {
  next_cursor?: string;
  customer_list: { external_userid: string }[];
}

export interface MomentInteraction {
  external_userid?: string;
  userid?: string;
  create_time: number;
}

export interface GetMomentCommentsResponse extends WecomResponse {
  comment_list: MomentInteraction[];
  like_list: MomentInteraction[];
}
