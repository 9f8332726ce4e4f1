import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type SegmentKind = 'segment' | 'dynamic_tag';

export type SegmentTables = {
  // Kept by triggers on orders (migration 0011); read-only for the app.
  customer_order_stats: {
    corp_id: string;
    customer_id: string;
    order_count: number;
    order_amount: ColumnType<string, never, never>;
    first_paid_at: ColumnType<Date, never, never>;
    last_paid_at: ColumnType<Date, never, never>;
  };
  segments: {
    corp_id: string;
    id: Generated<string>;
    name: string;
    description: Generated<string>;
    rule: Json;
    kind: SegmentKind;
    tag_id: string | null;
    active: Generated<boolean>;
    member_count: Generated<number>;
    refreshed_at: Timestamp | null;
    full_recomputed_at: Timestamp | null;
    full_recompute_form: Json | null;
    clock_checked_at: Timestamp | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
  };
  segment_members: { corp_id: string; segment_id: string; customer_id: string; since: DefaultTimestamp };
  segment_tag_outbox: {
    corp_id: string;
    id: Generated<number>;
    customer_id: string;
    tag_id: string;
    op: 'add' | 'remove';
    attempts: Generated<number>;
    error: string | null;
    created_at: DefaultTimestamp;
  };
  /** Pending member-count changes (migration 0016): a segment's count is member_count + the sum of its deltas. */
  segment_count_deltas: { corp_id: string; id: Generated<number>; segment_id: string; delta: number };
  segment_refresh_runs: {
    corp_id: string;
    id: Generated<string>;
    status: 'running' | 'done' | 'failed';
    trigger: Generated<string>;
    total: Generated<number>;
    done: Generated<number>;
    entered: Generated<number>;
    exited: Generated<number>;
    error: string | null;
    started_at: DefaultTimestamp;
    finished_at: Timestamp | null;
  };
};
