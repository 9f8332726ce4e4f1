// The Kysely types of the broadcasts module's own tables (migration 0022), added to a transaction with withTables.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type BroadcastTables = {
  broadcast_settings: {
    corp_id: string;
    cap_period: Generated<'month' | 'week' | 'day'>;
    unavailable_errcode: number | null;
    unavailable_message: string | null;
    unavailable_at: Timestamp | null;
    updated_at: DefaultTimestamp;
  };
  broadcasts: {
    corp_id: string;
    id: Generated<string>;
    kind: 'customer' | 'group';
    name: string;
    status: Generated<'scheduled' | 'sending' | 'sent' | 'completed' | 'cancelled' | 'failed'>;
    audience: Json<unknown>;
    variants: Json<Array<{ text: string; materialIds?: string[] }>>;
    holdout_percent: ColumnType<string, number, number>;
    seed: string;
    send_at: Timestamp;
    attribution_days: Generated<number>;
    exclusions: Json<Record<string, number>>;
    planned_count: Generated<number>;
    holdout_count: Generated<number>;
    task_count: Generated<number>;
    error: string | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
    sent_at: Timestamp | null;
    polled_at: Timestamp | null;
    completed_at: Timestamp | null;
  };
  broadcast_tasks: {
    corp_id: string;
    broadcast_id: string;
    task_no: number;
    staff_userid: string;
    variant: string;
    recipient_count: number;
    state: Generated<'planned' | 'claimed' | 'created' | 'failed' | 'cancelled'>;
    claimed_at: Timestamp | null;
    msgid: string | null;
    refused_count: Generated<number>;
    staff_status: Generated<number>;
    staff_sent_at: Timestamp | null;
    results_at: Timestamp | null;
    remind_count: Generated<number>;
    reminded_at: Timestamp | null;
    error: string | null;
  };
  broadcast_recipients: {
    corp_id: string;
    broadcast_id: string;
    target: string;
    customer_id: string | null;
    staff_userid: string | null;
    variant: string | null;
    task_no: number | null;
    role: 'send' | 'holdout' | 'excluded';
    reason: 'not_friend' | 'cap' | 'opted_out' | 'excluded' | null;
    status: number | null;
    sent_at: Timestamp | null;
  };
  broadcast_opt_outs: { corp_id: string; customer_id: string; created_at: DefaultTimestamp };
};
