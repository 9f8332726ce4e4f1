// Row types of the sidebar's sessions and the script library (migration 0023).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type SidebarTables = {
  sidebar_sessions: {
    corp_id: string;
    id: Generated<string>;
    token_hash: string;
    staff_userid: string;
    created_at: DefaultTimestamp;
    expires_at: Timestamp;
  };
  script_folders: {
    corp_id: string;
    id: Generated<string>;
    name: string;
    sort_order: ColumnType<number, number | undefined, number>;
    created_at: DefaultTimestamp;
  };
  scripts: {
    corp_id: string;
    id: Generated<string>;
    folder_id: string | null;
    title: string;
    content: string;
    tag_ids: ColumnType<string[], string[] | undefined, string[]>;
    stage_ids: ColumnType<string[], string[] | undefined, string[]>;
    created_by: string | null;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
  };
  script_uses: {
    corp_id: string;
    script_id: string;
    staff_userid: string;
    uses: ColumnType<number, number | undefined, number>;
    last_used_at: DefaultTimestamp;
  };
};
