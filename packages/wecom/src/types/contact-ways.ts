import type { WecomResponse } from './base';

/** Message sent after the customer adds via the code (结束语 for temporary sessions). */
export interface ContactWayConclusions {
  text?: { content: string };
  image?: { media_id?: string; pic_url?: string };
  link?: { title: string; picurl?: string; desc?: string; url: string };
  miniprogram?: { title: string; pic_media_id: string; appid: string; page: string };
}

export interface ContactWayConfig {
  /** 1 single staff, 2 several staff. */
  type: 1 | 2;
  /** 1 mini-program button, 2 QR code. */
  scene: 1 | 2;
  style?: number;
  /** ≤ 30 chars. */
  remark?: string;
  /** Default true. */
  skip_verify?: boolean;
  /** ≤ 30 chars; returned in the add callback and in follow_user.state. */
  state?: string;
  user?: string[];
  party?: number[];
  is_temp?: boolean;
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  is_exclusive?: boolean;
  conclusions?: ContactWayConclusions;
}

export interface AddContactWayResponse extends WecomResponse {
  config_id: string;
  qr_code?: string;
}

export interface ContactWay extends ContactWayConfig {
  config_id: string;
  qr_code?: string;
  expire_time?: number;
}

export interface GetContactWayResponse extends WecomResponse {
  contact_way: ContactWay;
}

export interface UpdateContactWayRequest {
  config_id: string;
  remark?: string;
  skip_verify?: boolean;
  style?: number;
  state?: string;
  user?: string[];
  party?: number[];
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  conclusions?: ContactWayConclusions;
}

export interface ListContactWayRequest {
  start_time?: number;
  end_time?: number;
  cursor?: string;
  /** ≤ 1000. */
  limit?: number;
}

export interface ListContactWayResponse extends WecomResponse {
  contact_way: { config_id: string }[];
  next_cursor?: string;
}
