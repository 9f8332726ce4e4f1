// Route schemas of lead imports and their distribution to staff (线索, /api/leads…), shared by the server's routes and
// the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';

export const LeadStatusSchema = Type.Union([Type.Literal('pool'), Type.Literal('assigned'), Type.Literal('added')]);
export type LeadStatus = Static<typeof LeadStatusSchema>;

/** The answer of POST /api/leads/imports (202): the batch the import job fills. */
export const LeadImportStartedSchema = Type.Object({ id: Type.String() });

export const LeadBatchSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  status: Type.Union([Type.Literal('queued'), Type.Literal('importing'), Type.Literal('imported'), Type.Literal('failed')]),
  /** rows read so far of `total` */
  total: Type.Integer(),
  done: Type.Integer(),
  imported: Type.Integer(),
  failed: Type.Integer(),
  error: Nullable(Type.String()),
  /** the latest distribution round (0 before the first) */
  round: Type.Integer(),
  deadline_at: Nullable(DateTime),
  created_at: DateTime,
  finished_at: Nullable(DateTime),
  distributed_at: Nullable(DateTime),
});
export type LeadBatch = Static<typeof LeadBatchSchema>;
export const LeadBatchListSchema = Items(LeadBatchSchema);

export const LeadDistributionSchema = Type.Object({
  mode: Type.Union([Type.Literal('even'), Type.Literal('weight')]),
  staff: Type.Array(Type.Object({ userid: Type.String(), weight: Type.Number() })),
  deadlineHours: Type.Number(),
  maxRounds: Type.Integer(),
});

export const LeadBatchDetailSchema = Type.Composite([
  LeadBatchSchema,
  Type.Object({
    /** the last distribution's settings; null before the first */
    distribution: Nullable(LeadDistributionSchema),
    /** rows refused, by reason */
    errors: Type.Record(Type.String(), Type.Integer()),
    leads: Type.Object({ pool: Type.Integer(), assigned: Type.Integer(), added: Type.Integer() }),
    reclaimed: Type.Integer(),
    /** added / (assigned + added) */
    conversion: Type.Number(),
    reminders: Type.Array(Type.Object({ status: Type.String(), reason: Nullable(Type.String()), count: Type.Integer() })),
  }),
]);
export type LeadBatchDetail = Static<typeof LeadBatchDetailSchema>;

export const LeadImportErrorSchema = Type.Object({
  rowNo: Type.Integer(),
  /** masked unless the role may see phone numbers */
  phone: Type.String(),
  name: Type.String(),
  reason: Type.Union([
    Type.Literal('bad_phone'),
    Type.Literal('duplicate_in_file'),
    Type.Literal('already_customer'),
    Type.Literal('already_lead'),
    Type.Literal('too_long'),
  ]),
});
export type LeadImportError = Static<typeof LeadImportErrorSchema>;
export const LeadImportErrorsSchema = Type.Object({ items: Type.Array(LeadImportErrorSchema), total: Type.Integer() });

/** The answer of POST /api/leads/batches/:id/distribute: the round and how many leads each staff member got. */
export const LeadDistributedSchema = Type.Object({
  round: Type.Integer(),
  assigned: Type.Integer(),
  perStaff: Type.Array(Type.Object({ userid: Type.String(), count: Type.Integer() })),
  deadlineAt: Nullable(DateTime),
});
export type LeadDistributed = Static<typeof LeadDistributedSchema>;

export const LeadSchema = Type.Object({
  id: Type.String(),
  batchId: Type.String(),
  /** masked unless the role may see phone numbers */
  phone: Type.String(),
  name: Type.String(),
  source: Type.String(),
  notes: Type.String(),
  status: LeadStatusSchema,
  staffUserid: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  round: Type.Integer(),
  assignedAt: Nullable(DateTime),
  deadlineAt: Nullable(DateTime),
  addedAt: Nullable(DateTime),
  addedBy: Type.Union([Type.Literal('follow'), Type.Literal('manual'), Type.Null()]),
  externalUserid: Nullable(Type.String()),
});
export type Lead = Static<typeof LeadSchema>;
export const LeadPageSchema = Type.Object({ items: Type.Array(LeadSchema), total: Type.Integer() });

/** The answer of POST /api/leads/:id/confirm. */
export const LeadConfirmedSchema = Type.Object({ id: Type.String(), status: Type.Literal('added'), addedBy: Type.Literal('manual') });

export const LeadStaffConversionSchema = Type.Object({
  staffUserid: Type.String(),
  staffName: Nullable(Type.String()),
  assigned: Type.Integer(),
  added: Type.Integer(),
  reclaimed: Type.Integer(),
  open: Type.Integer(),
  rate: Type.Number(),
});
export type LeadStaffConversion = Static<typeof LeadStaffConversionSchema>;
export const LeadStaffConversionListSchema = Items(LeadStaffConversionSchema);
