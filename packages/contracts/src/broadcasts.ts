// Route schemas of mass messages (群发, /api/broadcasts…): the audience, the content variants, the preview with its
// exclusions per staff member, the broadcast with its tasks and recipients, and the outcome report against the holdout.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';
import type { Rule } from './rules';

/** A rule of the rule language; checked by the server's rule validator (the recursive schema may appear once per route). */
const RuleInput = Type.Unsafe<Rule>({ type: 'object', description: 'Segment rule tree (see SegmentRule)' });

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Ids = (max: number) => Type.Array(Id, { maxItems: max });

export const BROADCAST_KINDS = ['customer', 'group'] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];
export const BROADCAST_STATUSES = ['scheduled', 'sending', 'sent', 'completed', 'cancelled', 'failed'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];
/** Why an audience member is not sent to; `duplicate` counts follows whose customer is sent to by another owner. */
export const EXCLUSION_REASONS = ['not_friend', 'cap', 'opted_out', 'excluded', 'duplicate'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];
export const CAP_PERIODS = ['month', 'week', 'day'] as const;
export type CapPeriod = (typeof CAP_PERIODS)[number];
/** WeCom's per-recipient status (get_groupmsg_send_result), plus -1 refused when the task was created (fail_list). */
export const RECIPIENT_STATUSES = ['planned', 'unsent', 'sent', 'not_friend', 'received_other', 'refused'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** Who a customer broadcast goes to: every given part must hold (AND); `exclude` takes customers out. */
export const CustomerAudienceSchema = Type.Object(
  {
    segmentId: Type.Optional(Type.String({ format: 'uuid' })),
    tags: Type.Optional(
      Type.Object(
        { match: Type.Union([Type.Literal('any'), Type.Literal('all'), Type.Literal('none')]), tagIds: Type.Array(Id, { minItems: 1, maxItems: 200 }) },
        { additionalProperties: false },
      ),
    ),
    stage: Type.Optional(
      Type.Object(
        { pipelineId: Type.String({ format: 'uuid' }), stageIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200 }) },
        { additionalProperties: false },
      ),
    ),
    /** Only these staff members send (and only their customers are reached). */
    staffUserids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 5000 })),
    filter: Type.Optional(RuleInput),
    /** An uploaded list of customers' external_userid. */
    externalUserids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100_000 })),
    exclude: Type.Optional(RuleInput),
    excludeExternalUserids: Type.Optional(Ids(100_000)),
  },
  { additionalProperties: false },
);
export type CustomerAudience = Static<typeof CustomerAudienceSchema>;

/** Which groups a group broadcast goes to: by owner and/or a list of chat ids. */
export const GroupAudienceSchema = Type.Object(
  {
    ownerUserids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 5000 })),
    chatIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100_000 })),
    nameContains: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    excludeChatIds: Type.Optional(Ids(100_000)),
  },
  { additionalProperties: false },
);
export type GroupAudience = Static<typeof GroupAudienceSchema>;

export const BroadcastContentSchema = Type.Object(
  {
    text: Type.String({ maxLength: 4000 }),
    /** Material library ids (up to 9; checked by the server so that too many is a clear error). */
    materialIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type BroadcastContent = Static<typeof BroadcastContentSchema>;

const Common = {
  name: Type.String({ minLength: 1, maxLength: 64 }),
  /** One content, or two for an A/B test on random halves. */
  variants: Type.Array(BroadcastContentSchema, { minItems: 1, maxItems: 2 }),
  /** Absent: now. */
  sendAt: Type.Optional(DateTime),
  /** Share of the audience kept out as a control group (0–50 %). */
  holdoutPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 50 })),
  /** Seed of the random holdout and A/B split (reproducible); absent: the broadcast's id. */
  seed: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  attributionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
};

export const CreateBroadcastSchema = Type.Union([
  Type.Object({ kind: Type.Literal('customer'), audience: CustomerAudienceSchema, ...Common }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('group'), audience: GroupAudienceSchema, ...Common }, { additionalProperties: false }),
]);
export type CreateBroadcast = Static<typeof CreateBroadcastSchema>;

export const PreviewBroadcastSchema = Type.Union([
  Type.Object({ kind: Type.Literal('customer'), audience: CustomerAudienceSchema, holdoutPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 50 })) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('group'), audience: GroupAudienceSchema, holdoutPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 50 })) }, { additionalProperties: false }),
]);
export type PreviewBroadcast = Static<typeof PreviewBroadcastSchema>;

export const ExclusionCountsSchema = Type.Object({
  not_friend: Type.Integer(),
  cap: Type.Integer(),
  opted_out: Type.Integer(),
  excluded: Type.Integer(),
  duplicate: Type.Integer(),
});
export type ExclusionCounts = Static<typeof ExclusionCountsSchema>;

export const PreviewStaffRowSchema = Type.Object({
  staffUserid: Nullable(Type.String()),
  staffName: Type.String(),
  recipients: Type.Integer(),
  tasks: Type.Integer(),
  excluded: ExclusionCountsSchema,
});
export type PreviewStaffRow = Static<typeof PreviewStaffRowSchema>;

export const BroadcastPreviewSchema = Type.Object({
  audience: Type.Integer(),
  recipients: Type.Integer(),
  holdoutEstimate: Type.Integer(),
  excluded: ExclusionCountsSchema,
  cap: Type.Object({ period: Type.Union(CAP_PERIODS.map((p) => Type.Literal(p))), limit: Type.Integer() }),
  /** Who sends to a customer followed by several staff members. */
  duplicateRule: Type.String(),
  staff: Type.Array(PreviewStaffRowSchema),
});
export type BroadcastPreview = Static<typeof BroadcastPreviewSchema>;

export const BroadcastSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union(BROADCAST_KINDS.map((k) => Type.Literal(k))),
  name: Type.String(),
  status: Type.Union(BROADCAST_STATUSES.map((s) => Type.Literal(s))),
  sendAt: DateTime,
  createdAt: DateTime,
  planned: Type.Integer(),
  holdout: Type.Integer(),
  sent: Type.Integer(),
  tasks: Type.Integer(),
  tasksCreated: Type.Integer(),
  staffSent: Type.Integer(),
  /** sent ÷ planned (0–1). */
  reachRate: Type.Number(),
  error: Nullable(Type.String()),
});
export type BroadcastSummary = Static<typeof BroadcastSummarySchema>;
export const BroadcastListSchema = Type.Object({
  items: Type.Array(BroadcastSummarySchema),
  /** Set when WeCom refused the mass-message API (48009): the feature is unavailable until it is granted. */
  unavailable: Nullable(Type.Object({ errcode: Type.Integer(), message: Type.String(), at: DateTime })),
});
export type BroadcastList = Static<typeof BroadcastListSchema>;

export const BroadcastTaskSchema = Type.Object({
  taskNo: Type.Integer(),
  staffUserid: Type.String(),
  staffName: Type.String(),
  variant: Type.String(),
  recipients: Type.Integer(),
  state: Type.Union(['planned', 'claimed', 'created', 'failed', 'cancelled'].map((s) => Type.Literal(s))),
  /** Whether WeCom knows this task (a msgid exists). */
  created: Type.Boolean(),
  staffSent: Type.Boolean(),
  staffSentAt: Nullable(DateTime),
  sent: Type.Integer(),
  unsent: Type.Integer(),
  notFriend: Type.Integer(),
  receivedOther: Type.Integer(),
  refused: Type.Integer(),
  remindCount: Type.Integer(),
  error: Nullable(Type.String()),
});
export type BroadcastTask = Static<typeof BroadcastTaskSchema>;

export const BroadcastDetailSchema = Type.Object({
  broadcast: BroadcastSummarySchema,
  audience: Type.Unknown(),
  variants: Type.Array(BroadcastContentSchema),
  holdoutPercent: Type.Number(),
  attributionDays: Type.Integer(),
  excluded: ExclusionCountsSchema,
  tasks: Type.Array(BroadcastTaskSchema),
});
export type BroadcastDetail = Static<typeof BroadcastDetailSchema>;

export const BroadcastRecipientSchema = Type.Object({
  target: Type.String(),
  name: Type.String(),
  customerId: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  variant: Nullable(Type.String()),
  role: Type.Union([Type.Literal('send'), Type.Literal('holdout'), Type.Literal('excluded')]),
  reason: Nullable(Type.String()),
  status: Nullable(Type.Union(RECIPIENT_STATUSES.map((s) => Type.Literal(s)))),
  sentAt: Nullable(DateTime),
});
export type BroadcastRecipient = Static<typeof BroadcastRecipientSchema>;
export const BroadcastRecipientPageSchema = Type.Object({ items: Type.Array(BroadcastRecipientSchema), total: Type.Integer() });
export type BroadcastRecipientPage = Static<typeof BroadcastRecipientPageSchema>;
export const RecipientQuerySchema = Type.Object(
  {
    role: Type.Optional(Type.Union([Type.Literal('send'), Type.Literal('holdout'), Type.Literal('excluded')])),
    status: Type.Optional(Type.Union(RECIPIENT_STATUSES.map((s) => Type.Literal(s)))),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type RecipientQuery = Static<typeof RecipientQuerySchema>;

/** A difference with its 95 % confidence interval. */
export const LiftSchema = Type.Object({ diff: Type.Number(), low: Type.Number(), high: Type.Number(), significant: Type.Boolean() });
export type Lift = Static<typeof LiftSchema>;
export const OutcomeArmSchema = Type.Object({
  arm: Type.String(),
  customers: Type.Integer(),
  buyers: Type.Integer(),
  orders: Type.Integer(),
  revenue: Type.Number(),
  conversion: Type.Number(),
  revenuePerCustomer: Type.Number(),
});
export type OutcomeArm = Static<typeof OutcomeArmSchema>;
export const BroadcastOutcomeSchema = Type.Object({
  planned: Type.Integer(),
  sent: Type.Integer(),
  reachRate: Type.Number(),
  attributionDays: Type.Integer(),
  from: DateTime,
  to: DateTime,
  arms: Type.Array(OutcomeArmSchema),
  /** Recipients vs holdout (null without a holdout): conversion difference and revenue per customer difference. */
  conversionLift: Nullable(LiftSchema),
  revenueLift: Nullable(LiftSchema),
  /** Variant B vs variant A (null without an A/B test). */
  abConversion: Nullable(LiftSchema),
});
export type BroadcastOutcome = Static<typeof BroadcastOutcomeSchema>;

export const BroadcastSettingsSchema = Type.Object({
  capPeriod: Type.Union(CAP_PERIODS.map((p) => Type.Literal(p))),
  capLimit: Type.Integer(),
});
export type BroadcastSettings = Static<typeof BroadcastSettingsSchema>;
export const UpdateBroadcastSettingsSchema = Type.Object(
  { capPeriod: Type.Union(CAP_PERIODS.map((p) => Type.Literal(p))) },
  { additionalProperties: false },
);
export const OptOutSchema = Type.Object(
  { customerIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 10_000 }), optedOut: Type.Boolean() },
  { additionalProperties: false },
);
export type OptOut = Static<typeof OptOutSchema>;
export const BroadcastCreatedSchema = Type.Object({ id: Type.String({ format: 'uuid' }), planned: Type.Integer(), tasks: Type.Integer() });
