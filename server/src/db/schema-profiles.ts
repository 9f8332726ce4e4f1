// Kysely types of the profile tables (migration 0007-profiles); merged into DB in schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;

export type IdentityKind = 'external_userid' | 'unionid' | 'openid' | 'phone' | 'member_id';

export type ProfileTables = {
  customer_identities: { corp_id: string; kind: IdentityKind; value: string; customer_id: string; created_at: DefaultTimestamp };
  customer_merges: {
    corp_id: string;
    id: Generated<number>;
    from_customer_id: string;
    into_customer_id: string;
    reason: string;
    detail: Json;
    actor_user_id: string | null;
    merged_at: DefaultTimestamp;
  };
  api_keys: {
    corp_id: string;
    id: Generated<string>;
    name: string;
    prefix: string;
    key_hash: string;
    scopes: string[];
    created_by: string | null;
    created_at: DefaultTimestamp;
    last_used_at: Timestamp | null;
    revoked_at: Timestamp | null;
  };
  event_webhooks: { corp_id: string; secret: string; created_at: DefaultTimestamp };
  custom_fields: {
    corp_id: string;
    id: Generated<string>;
    key: string;
    label: string;
    type: 'text' | 'number' | 'date' | 'select';
    options: Generated<string[]>;
    sort_order: Generated<number>;
    created_at: DefaultTimestamp;
  };
  custom_field_values: {
    corp_id: string;
    customer_id: string;
    field_id: string;
    text_value: string | null;
    number_value: number | null;
    date_value: ColumnType<string | null, string | null, string | null>;
    updated_at: DefaultTimestamp;
  };
  follow_notes: {
    corp_id: string;
    id: Generated<string>;
    customer_id: string;
    author_user_id: string | null;
    staff_userid: string | null;
    content: string;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
  };
  tag_jobs: {
    corp_id: string;
    id: Generated<string>;
    add_tag_ids: string[];
    remove_tag_ids: string[];
    customer_ids: string[];
    status: 'queued' | 'running' | 'done' | 'partial' | 'failed';
    total: Generated<number>;
    done: Generated<number>;
    failed: Generated<number>;
    errors: Json<Array<Record<string, unknown>>>;
    created_by: string | null;
    created_at: DefaultTimestamp;
    finished_at: Timestamp | null;
  };
  pipelines: { corp_id: string; id: Generated<string>; name: string; sort_order: Generated<number>; created_at: DefaultTimestamp };
  stages: {
    corp_id: string;
    id: Generated<string>;
    pipeline_id: string;
    name: string;
    sort_order: Generated<number>;
    dwell_days: number | null;
    remind_hour: number | null;
    /** Entry rule (segment rule language, migration 0013); null: manual moves only. */
    rule: ColumnType<unknown, string | null | undefined, string | null>;
    /** The rule as the apply-rules job last applied it to everyone, segments written out (migration 0034). */
    rule_applied: ColumnType<unknown, string | null | undefined, string | null>;
    created_at: DefaultTimestamp;
  };
  customer_stages: {
    corp_id: string;
    customer_id: string;
    pipeline_id: string;
    stage_id: string;
    entered_at: DefaultTimestamp;
    reminded_at: Timestamp | null;
  };
  stage_rule_runs: {
    corp_id: string;
    id: Generated<string>;
    pipeline_id: string;
    trigger: 'manual' | 'schedule';
    status: 'queued' | 'running' | 'done' | 'failed';
    total: Generated<number>;
    done: Generated<number>;
    moved: Generated<number>;
    /** Moves per stage, last stage first: [{ stageId, moved }]. */
    stages: ColumnType<Array<{ stageId: string; moved: number }>, string | undefined, string>;
    error: string | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
    finished_at: Timestamp | null;
  };
  customer_stage_history: {
    corp_id: string;
    id: Generated<number>;
    customer_id: string;
    pipeline_id: string;
    from_stage_id: string | null;
    to_stage_id: string | null;
    actor_user_id: string | null;
    source: Generated<string>;
    moved_at: DefaultTimestamp;
  };
  rfm_settings: {
    corp_id: string;
    recency_days: number[];
    frequency_counts: number[];
    monetary_amounts: number[];
    window_days: number;
    updated_at: DefaultTimestamp;
  };
  customer_rfm: {
    corp_id: string;
    customer_id: string;
    last_order_at: Timestamp | null;
    order_count: number;
    amount: number;
    r: number;
    f: number;
    m: number;
    class: string;
    median_interval_days: number | null;
    updated_at: DefaultTimestamp;
  };
  alert_settings: { corp_id: string; inactive_days: number; repurchase_factor: number; notify_staff: boolean; updated_at: DefaultTimestamp };
  alerts: {
    corp_id: string;
    id: Generated<string>;
    customer_id: string;
    staff_userid: string | null;
    kind: 'churn_deleted' | 'churn_inactive' | 'churn_rfm' | 'repurchase';
    status: Generated<'open' | 'done' | 'dismissed'>;
    detail: Json;
    created_at: DefaultTimestamp;
    notified_at: Timestamp | null;
    resolved_at: Timestamp | null;
    subject: Generated<string>;
    basis_at: Timestamp | null;
    resolved_reason: string | null;
    notify_failed_at: Timestamp | null;
  };
  points_rules: {
    corp_id: string;
    id: Generated<string>;
    event_type: string;
    points: number;
    points_per_yuan: number;
    growth: number;
    growth_per_yuan: number;
    expires_days: number | null;
    enabled: Generated<boolean>;
    created_at: DefaultTimestamp;
  };
  levels: { corp_id: string; level: number; name: string; min_growth: number };
  points_ledger: {
    corp_id: string;
    id: Generated<number>;
    customer_id: string;
    delta: number;
    remaining: number;
    reason: string;
    event_id: number | null;
    expires_at: Timestamp | null;
    created_at: DefaultTimestamp;
  };
  customer_membership: {
    corp_id: string;
    customer_id: string;
    points: number;
    growth: number;
    level: number;
    updated_at: DefaultTimestamp;
  };
};
