// Route schemas of the audit log (GET /api/audit): who did what and when, searched by actor, action and time, newest
// first, a page at a time (the cursor is the last entry's id).
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';

export const AuditQuery = Type.Object(
  {
    /** a user's id (from `actors`) or 'system' for the API, the webhook and jobs */
    actor: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Literal('system')])),
    /** an action or an action's prefix ('api_key' matches api_key.create and api_key.revoke) */
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z_.]+$' })),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    /** entries older than this entry id */
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type AuditFilter = Static<typeof AuditQuery>;

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: DateTime,
  action: Type.String(),
  /** null: done by the system (API key, webhook, a job) */
  actor: Nullable(Type.Object({ userId: Type.String(), name: Type.String(), email: Type.String() })),
  target: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditListSchema = Type.Object({
  items: Type.Array(AuditEntrySchema),
  /** pass as `before` for the next page; null on the last page */
  next: Nullable(Type.String()),
  /** the corp's users, by name, for the actor picker */
  actors: Type.Array(Type.Object({ userId: Type.String(), name: Type.String(), email: Type.String() })),
});
export type AuditList = Static<typeof AuditListSchema>;
