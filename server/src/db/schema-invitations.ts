// Row types of the invitations table (migration 0018).
import type { ColumnType, Generated } from 'kysely';
import type { Role } from './schema';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

export type InvitationsTable = {
  corp_id: string;
  id: Generated<string>;
  email: string;
  name: string;
  role: Role;
  staff_userid: string | null;
  token_hash: string;
  invited_by: string | null;
  status: ColumnType<InvitationStatus, InvitationStatus | undefined, InvitationStatus>;
  expires_at: Timestamp;
  created_at: DefaultTimestamp;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};
