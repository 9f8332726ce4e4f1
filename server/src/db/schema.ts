import type { ColumnType, Generated } from 'kysely';
import type { ProfileTables } from './schema-profiles';
import type { SidebarTables } from './schema-sidebar';
import type { LeadsFissionTables } from './schema-leads-fission';
import type { SegmentTables } from './schema-segments';
import type { InvitationsTable } from './schema-invitations';
import type { MaterialTables } from './schema-materials';

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

// 0005-channels
export type ScheduleRule = { userids: string[]; weekdays: number[]; start: string; end: string };
export type TimeWindow = { start: string; end: string };
export type WelcomeAttachment =
  | { msgtype: 'image'; image: { pic_url?: string; media_id?: string } }
  | { msgtype: 'link'; link: { title: string; url: string; picurl?: string; desc?: string } }
  | { msgtype: 'miniprogram'; miniprogram: { title: string; pic_media_id: string; appid: string; page: string } }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'file'; file: { media_id: string } };
export type WelcomeMessage = { text?: string; attachments?: WelcomeAttachment[]; materialIds?: string[] };
export type WelcomeStatus = 'pending' | 'sending' | 'sent' | 'late' | 'failed' | 'none';

export type ChannelCodeGroupsTable = { corp_id: string; id: Generated<string>; name: string; created_at: DefaultTimestamp };

export type ChannelCodesTable = {
  corp_id: string;
  id: Generated<string>;
  name: string;
  group_id: string | null;
  state: string;
  config_id: string | null;
  qr_code: string | null;
  wecom_type: Generated<number>;
  staff_userids: string[];
  backup_userids: Generated<string[]>;
  schedule: Json<ScheduleRule[]>;
  daily_cap: number | null;
  skip_verify: Generated<boolean>;
  auto_accept: Json<TimeWindow> | null;
  tag_ids: Generated<string[]>;
  welcome: Json<WelcomeMessage>;
  cost: ColumnType<string, number | string | undefined, number | string>;
  applied_userids: Generated<string[]>;
  applied_skip_verify: boolean | null;
  applied_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type ChannelAddsTable = {
  corp_id: string;
  id: Generated<number>;
  channel_id: string;
  customer_id: string;
  staff_userid: string;
  added_at: Timestamp;
  welcome_status: ColumnType<WelcomeStatus, WelcomeStatus | undefined, WelcomeStatus>;
  welcome_error: string | null;
  tag_status: ColumnType<'pending' | 'done' | 'failed' | 'none', 'pending' | 'done' | 'failed' | 'none' | undefined, 'pending' | 'done' | 'failed' | 'none'>;
  created_at: DefaultTimestamp;
};

export type GroupCodesTable = {
  corp_id: string;
  id: Generated<string>;
  name: string;
  state: string;
  config_id: string | null;
  qr_code: string | null;
  chat_ids: string[];
  auto_create_room: Generated<boolean>;
  room_base_name: string | null;
  room_base_id: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type GroupCodeJoinsTable = {
  corp_id: string;
  id: Generated<number>;
  group_code_id: string;
  chat_id: string;
  member_userid: string;
  joined_at: Timestamp;
};

export type StoresTable = {
  corp_id: string;
  id: Generated<string>;
  name: string;
  city: string;
  address: Generated<string>;
  lat: number | null;
  lng: number | null;
  channel_id: string | null;
  group_code_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type StoreCodesTable = { corp_id: string; id: Generated<string>; name: string; title: Generated<string>; created_at: DefaultTimestamp };

export type RepurchaseCyclesTable = {
  corp_id: string;
  id: Generated<string>;
  match: 'sku' | 'category';
  value: string;
  name: Generated<string>;
  cycle_days: number;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type StoreScansTable = {
  corp_id: string;
  id: Generated<number>;
  store_code_id: string;
  store_id: string | null;
  scanned_at: DefaultTimestamp;
};

export type DB = {
  sidebar_sessions: SidebarTables['sidebar_sessions'];
  script_folders: SidebarTables['script_folders'];
  scripts: SidebarTables['scripts'];
  script_uses: SidebarTables['script_uses'];
  material_folders: MaterialTables['material_folders'];
  materials: MaterialTables['materials'];
  material_parts: MaterialTables['material_parts'];
  material_media: MaterialTables['material_media'];
  material_uses: MaterialTables['material_uses'];
  moments: MaterialTables['moments'];
  moment_staff: MaterialTables['moment_staff'];
  moment_interactions: MaterialTables['moment_interactions'];
  segments: SegmentTables['segments'];
  customer_order_stats: SegmentTables['customer_order_stats'];
  segment_members: SegmentTables['segment_members'];
  segment_tag_outbox: SegmentTables['segment_tag_outbox'];
  segment_refresh_runs: SegmentTables['segment_refresh_runs'];
  segment_count_deltas: SegmentTables['segment_count_deltas'];
  channel_code_groups: ChannelCodeGroupsTable;
  channel_codes: ChannelCodesTable;
  channel_adds: ChannelAddsTable;
  group_codes: GroupCodesTable;
  group_code_joins: GroupCodeJoinsTable;
  stores: StoresTable;
  store_codes: StoreCodesTable;
  store_scans: StoreScansTable;
  events: EventsTable;
  customer_identities: ProfileTables['customer_identities'];
  customer_merges: ProfileTables['customer_merges'];
  api_keys: ProfileTables['api_keys'];
  event_webhooks: ProfileTables['event_webhooks'];
  custom_fields: ProfileTables['custom_fields'];
  custom_field_values: ProfileTables['custom_field_values'];
  follow_notes: ProfileTables['follow_notes'];
  tag_jobs: ProfileTables['tag_jobs'];
  pipelines: ProfileTables['pipelines'];
  stages: ProfileTables['stages'];
  customer_stages: ProfileTables['customer_stages'];
  customer_stage_history: ProfileTables['customer_stage_history'];
  stage_rule_runs: ProfileTables['stage_rule_runs'];
  rfm_settings: ProfileTables['rfm_settings'];
  customer_rfm: ProfileTables['customer_rfm'];
  alert_settings: ProfileTables['alert_settings'];
  alerts: ProfileTables['alerts'];
  repurchase_cycles: RepurchaseCyclesTable;
  points_rules: ProfileTables['points_rules'];
  levels: ProfileTables['levels'];
  points_ledger: ProfileTables['points_ledger'];
  customer_membership: ProfileTables['customer_membership'];
  orders: OrdersTable;
  corps: CorpsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
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
  lead_batches: LeadsFissionTables['lead_batches'];
  leads: LeadsFissionTables['leads'];
  lead_import_errors: LeadsFissionTables['lead_import_errors'];
  lead_assignments: LeadsFissionTables['lead_assignments'];
  lead_reminders: LeadsFissionTables['lead_reminders'];
  fission_campaigns: LeadsFissionTables['fission_campaigns'];
  fission_reward_codes: LeadsFissionTables['fission_reward_codes'];
  fission_participants: LeadsFissionTables['fission_participants'];
  fission_adds: LeadsFissionTables['fission_adds'];
  fission_rewards: LeadsFissionTables['fission_rewards'];
};
