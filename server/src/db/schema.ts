import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;

export type Role = 'admin' | 'operator' | 'staff' | 'analyst';

export type CorpsTable = {
  id: string;
  name: string;
  wecom_corp_id: string | null;
  contact_secret: string | null;
  agent_id: string | null;
  app_secret: string | null;
  callback_token: string | null;
  callback_aes_key: string | null;
  api_base: string | null;
  is_demo: Generated<boolean>;
  created_at: DefaultTimestamp;
};

export type UsersTable = {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  created_at: DefaultTimestamp;
  password_changed_at: DefaultTimestamp;
};

export type MembershipsTable = {
  corp_id: string;
  user_id: string;
  role: Role;
  staff_userid: string | null;
  created_at: DefaultTimestamp;
};

export type SessionsTable = {
  id: string;
  user_id: string;
  corp_id: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
};

export type StaffTable = {
  corp_id: string;
  userid: string;
  name: string;
  department_ids: Generated<number[]>;
  mobile: string | null;
  status: Generated<number>;
  is_follow_user: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type CustomersTable = {
  corp_id: string;
  id: Generated<string>;
  external_userid: string | null;
  name: Generated<string>;
  avatar: string | null;
  type: number | null;
  gender: number | null;
  unionid: string | null;
  phone: string | null;
  corp_name: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type FollowsTable = {
  corp_id: string;
  customer_id: string;
  staff_userid: string;
  remark: string | null;
  description: string | null;
  remark_mobiles: Generated<string[]>;
  add_way: number | null;
  state: string | null;
  oper_userid: string | null;
  tag_ids: Generated<string[]>;
  remark_corp_name: string | null;
  followed_at: DefaultTimestamp;
  deleted_at: Timestamp | null;
  deleted_by: 'staff' | 'customer' | null;
  updated_at: DefaultTimestamp;
};

export type GroupsTable = {
  corp_id: string;
  chat_id: string;
  name: Generated<string>;
  owner_userid: string | null;
  notice: string | null;
  status: Generated<number>;
  member_count: Generated<number>;
  created_at: DefaultTimestamp;
  dismissed_at: Timestamp | null;
  updated_at: DefaultTimestamp;
  member_version: string | null;
  admin_userids: Generated<string[]>;
};

export type AuditLogTable = {
  corp_id: string;
  id: Generated<number>;
  actor_user_id: string | null;
  action: string;
  target: string | null;
  detail: Json;
  at: DefaultTimestamp;
};

export type WecomInboxTable = {
  corp_id: string;
  id: Generated<number>;
  identity: string;
  event: string;
  change_type: string;
  kind: string;
  payload: Json;
  received_at: DefaultTimestamp;
  processed_at: Timestamp | null;
  locked_until: Timestamp | null;
  attempts: Generated<number>;
  error: string | null;
};

export type SyncRunStatus = 'queued' | 'running' | 'done' | 'partial' | 'failed';

export type SyncRunsTable = {
  corp_id: string;
  id: Generated<string>;
  kind: 'full' | 'reconcile';
  status: SyncRunStatus;
  trigger: Generated<string>;
  total: Generated<number>;
  done: Generated<number>;
  phase: string | null;
  checkpoint: Json;
  report: Json;
  error: string | null;
  owner: string | null;
  heartbeat_at: Timestamp | null;
  created_at: DefaultTimestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
};

export type WecomFeatureStatusTable = {
  corp_id: string;
  feature: string;
  status: 'ok' | 'disabled';
  errcode: number | null;
  api: string | null;
  message: string | null;
  updated_at: DefaultTimestamp;
};

export type DepartmentsTable = {
  corp_id: string;
  id: number;
  name: string;
  parent_id: Generated<number>;
  sort_order: Generated<number>;
  leaders: Generated<string[]>;
  updated_at: DefaultTimestamp;
};

export type TagGroupsTable = {
  corp_id: string;
  group_id: string;
  name: string;
  sort_order: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type TagsTable = {
  corp_id: string;
  tag_id: string;
  group_id: string;
  name: string;
  sort_order: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type GroupMembersTable = {
  corp_id: string;
  chat_id: string;
  userid: string;
  type: number;
  join_time: Timestamp | null;
  join_scene: number | null;
  invitor_userid: string | null;
  group_nickname: string | null;
  name: string | null;
  unionid: string | null;
};

export type OrderItem = { sku: string; name: string; category?: string; quantity: number; price?: number };

export type EventsTable = {
  corp_id: string;
  id: Generated<number>;
  customer_id: string;
  type: string;
  source: Generated<string>;
  dedupe_key: string | null;
  occurred_at: DefaultTimestamp;
  properties: Json;
  created_at: DefaultTimestamp;
};

export type OrdersTable = {
  corp_id: string;
  id: Generated<string>;
  customer_id: string;
  order_no: string;
  amount: number;
  currency: Generated<string>;
  paid_at: Timestamp;
  source: Generated<string>;
  store_id: string | null;
  staff_userid: string | null;
  items: Json<OrderItem[]>;
  created_at: DefaultTimestamp;
};

export type DB = {
  events: EventsTable;
  orders: OrdersTable;
  corps: CorpsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  staff: StaffTable;
  customers: CustomersTable;
  follows: FollowsTable;
  groups: GroupsTable;
  audit_log: AuditLogTable;
  wecom_inbox: WecomInboxTable;
  sync_runs: SyncRunsTable;
  wecom_feature_status: WecomFeatureStatusTable;
  departments: DepartmentsTable;
  tag_groups: TagGroupsTable;
  tags: TagsTable;
  group_members: GroupMembersTable;
};
