// Kysely types of migration 0006-leads-fission.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T | undefined, string | T>;

export type LeadBatchStatus = 'queued' | 'importing' | 'imported' | 'failed';
export type LeadStatus = 'pool' | 'assigned' | 'added';
export type LeadErrorReason = 'bad_phone' | 'duplicate_in_file' | 'already_customer' | 'already_lead' | 'too_long';
export type ReminderStatus = 'queued' | 'sent' | 'skipped' | 'failed';
export type DistributionMode = 'even' | 'weight';
export type Distribution = {
  mode: DistributionMode;
  staff: Array<{ userid: string; weight: number }>;
  deadlineHours: number;
  maxRounds: number;
};
/** `materialId`: a library image or poster shown behind the participant's code (picked with <MaterialPicker>). */
export type FissionPoster = { background: string; title: string; text: string; materialId?: string | null };
export type FissionAddOutcome = 'counted' | 'not_new' | 'self' | 'duplicate' | 'inactive';

export type LeadsFissionTables = {
  lead_batches: {
    corp_id: string;
    id: Generated<string>;
    filename: Generated<string>;
    format: 'csv' | 'xlsx';
    status: LeadBatchStatus;
    total: Generated<number>;
    done: Generated<number>;
    imported: Generated<number>;
    failed: Generated<number>;
    error: string | null;
    distribution: Json<Distribution | null>;
    round: Generated<number>;
    deadline_at: Timestamp | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
    finished_at: Timestamp | null;
    distributed_at: Timestamp | null;
  };
  leads: {
    corp_id: string;
    id: Generated<string>;
    batch_id: string;
    row_no: number;
    phone: string;
    name: Generated<string>;
    source: Generated<string>;
    notes: Generated<string>;
    status: Generated<LeadStatus>;
    staff_userid: string | null;
    round: Generated<number>;
    assigned_at: Timestamp | null;
    deadline_at: Timestamp | null;
    added_at: Timestamp | null;
    added_by: 'follow' | 'manual' | null;
    customer_id: string | null;
    external_userid: string | null;
    created_at: DefaultTimestamp;
  };
  lead_import_errors: {
    corp_id: string;
    batch_id: string;
    row_no: number;
    phone: Generated<string>;
    name: Generated<string>;
    reason: LeadErrorReason;
  };
  lead_assignments: {
    corp_id: string;
    lead_id: string;
    round: number;
    batch_id: string;
    staff_userid: string;
    assigned_at: DefaultTimestamp;
    outcome: 'added' | 'reclaimed' | null;
    closed_at: Timestamp | null;
  };
  lead_reminders: {
    corp_id: string;
    batch_id: string;
    round: number;
    staff_userid: string;
    lead_count: number;
    status: Generated<ReminderStatus>;
    reason: string | null;
    msgid: string | null;
    created_at: DefaultTimestamp;
    sent_at: Timestamp | null;
  };
  fission_campaigns: {
    corp_id: string;
    id: Generated<string>;
    code: string;
    name: string;
    goal: number;
    reward_type: 'code' | 'link';
    reward_link: string | null;
    poster: Json<FissionPoster>;
    starts_at: Timestamp;
    ends_at: Timestamp;
    staff_userids: string[];
    tag_ids: Generated<string[]>;
    withdraw_hours: Generated<number>;
    created_at: DefaultTimestamp;
  };
  fission_reward_codes: {
    corp_id: string;
    campaign_id: string;
    code: string;
    participant_id: string | null;
    issued_at: Timestamp | null;
  };
  fission_participants: {
    corp_id: string;
    id: Generated<string>;
    campaign_id: string;
    external_userid: string;
    name: Generated<string>;
    state: string;
    token: string;
    config_id: string | null;
    qr_code: string | null;
    credits: Generated<number>;
    completed_at: Timestamp | null;
    created_at: DefaultTimestamp;
  };
  fission_adds: {
    corp_id: string;
    id: Generated<number>;
    campaign_id: string;
    participant_id: string;
    invitee_external_userid: string;
    staff_userid: string;
    outcome: FissionAddOutcome;
    created_at: DefaultTimestamp;
    withdrawn_at: Timestamp | null;
  };
  fission_rewards: {
    corp_id: string;
    campaign_id: string;
    participant_id: string;
    code: string | null;
    link: string | null;
    issued_at: DefaultTimestamp;
  };
};
