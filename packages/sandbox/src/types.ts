// Data model of the sandbox: one `CorpState` per corp, field names as WeCom returns them.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CallbackConfig {
  url: string;
  token: string;
  encodingAESKey: string;
}

export interface AppInfo {
  agentid: number;
  secret: string;
  name: string;
}

export interface Department {
  id: number;
  name: string;
  name_en: string;
  parentid: number;
  order: number;
  department_leader: string[];
}

/** 1 active, 2 disabled, 4 not activated, 5 resigned (deleted). */
export type StaffStatus = 1 | 2 | 4 | 5;

export interface Staff {
  userid: string;
  name: string;
  department: number[];
  position: string;
  mobile: string;
  gender: '0' | '1' | '2';
  email: string;
  status: StaffStatus;
  /** Has the customer-contact permission (appears in get_follow_user_list). */
  can_have_customers: boolean;
}

/** 1 WeChat user, 2 WeCom user. */
export type CustomerType = 1 | 2;

export interface Customer {
  external_userid: string;
  name: string;
  avatar: string;
  type: CustomerType;
  /** 0 unknown, 1 male, 2 female. */
  gender: 0 | 1 | 2;
  unionid: string;
  phone: string;
  position: string;
  corp_name: string;
  corp_full_name: string;
}

export interface Follow {
  userid: string;
  external_userid: string;
  remark: string;
  description: string;
  createtime: number;
  tag_ids: string[];
  remark_corp_name: string;
  remark_mobiles: string[];
  oper_userid: string;
  add_way: number;
  state: string;
}

export interface Tag {
  id: string;
  group_id: string;
  name: string;
  create_time: number;
  order: number;
}

export interface TagGroup {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
}

/** 1 invite, 2 link, 3 QR code. */
export type JoinScene = 1 | 2 | 3;

export interface GroupMember {
  userid: string;
  /** 1 staff, 2 external contact. */
  type: 1 | 2;
  join_time: number;
  join_scene: JoinScene;
  invitor: string;
  group_nickname: string;
  name: string;
  unionid: string;
}

/** 0 normal, 1 owner resigned, 2 handover in progress, 3 handover done. */
export type GroupStatus = 0 | 1 | 2 | 3;

export interface Group {
  chat_id: string;
  name: string;
  owner: string;
  create_time: number;
  notice: string;
  members: GroupMember[];
  admin_list: string[];
  status: GroupStatus;
  dismissed: boolean;
  mem_ver: number;
  /** Messages sent in the group per day (for statistics). */
  msg_count: number;
}

export interface ContactWay {
  config_id: string;
  type: 1 | 2;
  scene: 1 | 2;
  style: number;
  remark: string;
  skip_verify: boolean;
  state: string;
  user: string[];
  party: number[];
  is_temp: boolean;
  expires_in: number;
  chat_expires_in: number;
  unionid: string;
  conclusions: JsonObject | null;
  qr_code: string;
  create_time: number;
  /** Round-robin pointer over `user`. */
  next_user: number;
}

export interface JoinWay {
  config_id: string;
  scene: 1 | 2;
  remark: string;
  auto_create_room: 0 | 1;
  room_base_name: string;
  room_base_id: number;
  chat_id_list: string[];
  state: string;
  mark_source: boolean;
  qr_code: string;
  create_time: number;
}

/** Per recipient: 0 unsent, 1 sent, 2 not a friend, 3 over the monthly cap. */
export type SendStatus = 0 | 1 | 2 | 3;

export interface MsgRecipient {
  userid: string;
  external_userid: string;
  chat_id: string;
  status: SendStatus;
  send_time: number;
}

export interface MsgStaffTask {
  userid: string;
  /** 0 unsent, 2 sent. */
  status: 0 | 2;
  send_time: number;
}

export type ChatType = 'single' | 'group';

export interface MsgTask {
  msgid: string;
  chat_type: ChatType;
  creator: string;
  /** 0 company, 1 personal. */
  create_type: 0 | 1;
  create_time: number;
  text: JsonObject | null;
  attachments: Json[];
  allow_select: boolean;
  tasks: MsgStaffTask[];
  recipients: MsgRecipient[];
  cancelled: boolean;
  dispatching_until: number;
  reminders: number;
}

/** 1 done, 2 waiting, 3 refused, 4 taker at capacity. */
export type TransferStatus = 1 | 2 | 3 | 4;

export interface Transfer {
  kind: 'resigned' | 'on_job';
  handover_userid: string;
  takeover_userid: string;
  external_userid: string;
  status: TransferStatus;
  create_time: number;
  takeover_time: number;
  transfer_success_msg: string;
}

export interface MomentTask {
  jobid: string;
  moment_id: string;
  create_time: number;
  creator: string;
  text: string;
  attachments: Json[];
  sender_list: string[];
  tag_list: string[];
  invalid_sender_list: string[];
}

export interface AccessToken {
  token: string;
  corpid: string;
  /** 'contact' or the agentid as a string. */
  secret_kind: string;
  expires_at: number;
}

export interface WelcomeCode {
  code: string;
  userid: string;
  external_userid: string;
  expires_at: number;
  used: boolean;
}

export interface AppMessage {
  msgid: string;
  agentid: number;
  touser: string;
  toparty: string;
  totag: string;
  msgtype: string;
  body: JsonObject;
  time: number;
}

export interface WelcomeSent {
  welcome_code: string;
  userid: string;
  external_userid: string;
  text: JsonObject | null;
  attachments: Json[];
  time: number;
}

export interface ActivityEntry {
  kind: 'open-link' | 'submit-form' | 'place-order' | 'watch-live';
  external_userid: string;
  time: number;
  data: JsonObject;
}

export interface PendingRequest {
  external_userid: string;
  userid: string;
  state: string;
  config_id: string;
  time: number;
}

export interface OAuthCode {
  code: string;
  userid: string;
  expires_at: number;
}

export interface CorpState {
  corpid: string;
  name: string;
  contact_secret: string;
  app: AppInfo;
  callback: CallbackConfig | null;
  departments: Map<number, Department>;
  staff: Map<string, Staff>;
  customers: Map<string, Customer>;
  /** userid → external_userid → follow (same objects as `followsByCustomer`). */
  followsByUser: Map<string, Map<string, Follow>>;
  followsByCustomer: Map<string, Map<string, Follow>>;
  tagGroups: Map<string, TagGroup>;
  tags: Map<string, Tag>;
  groups: Map<string, Group>;
  contactWays: Map<string, ContactWay>;
  joinWays: Map<string, JoinWay>;
  msgTasks: Map<string, MsgTask>;
  /** `${external_userid or chat_id}|${YYYY-MM}` → mass messages received that month. */
  monthlyReceived: Map<string, number>;
  transfers: Transfer[];
  moments: Map<string, MomentTask>;
  welcomeCodes: Map<string, WelcomeCode>;
  welcomesSent: WelcomeSent[];
  appMessages: AppMessage[];
  activity: ActivityEntry[];
  pendingRequests: PendingRequest[];
  oauthCodes: Map<string, OAuthCode>;
  jsapiTicket: { ticket: string; expires_at: number } | null;
  agentTicket: { ticket: string; expires_at: number } | null;
}
