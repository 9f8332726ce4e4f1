// Route schemas of customer SOP (客户SOP, /api/sop…): a flow is data — an entry (a domain event, a date, days after
// the add) with an optional condition, a list of steps (waits, branches, actions) and exits — run for each customer
// by a durable engine. Also the corp's contact budget, the templates, stats, the dry run and staff tasks.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';
import type { Rule } from './rules';

/** A rule of the rule language; checked by the server's rule validator. additionalProperties: the answers' serializer
 * keeps only declared properties, and without it every stored rule (condition, goal, branches) went out as {}. */
const RuleInput = Type.Unsafe<Rule>({
  type: 'object',
  additionalProperties: true,
  description: 'Segment rule tree (see SegmentRule)',
});
const Id = Type.String({ minLength: 1, maxLength: 64 });
const StepId = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' });
const TimeOfDay = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, Asia/Shanghai' });

export const SOP_FLOW_STATUSES = ['draft', 'active', 'paused', 'archived'] as const;
export type SopFlowStatus = (typeof SOP_FLOW_STATUSES)[number];
export const SOP_ENROLLMENT_STATUSES = ['active', 'done', 'goal', 'exited', 'removed', 'held_out'] as const;
export type SopEnrollmentStatus = (typeof SOP_ENROLLMENT_STATUSES)[number];

/** The domain events a flow can start from, wait for or take as its goal. */
export const SOP_EVENTS = [
  'follow.attributed',
  'follow.added',
  'tag.added',
  'tag.removed',
  'segment.entered',
  'segment.exited',
  'stage.changed',
  'order.placed',
  'event.tracked',
] as const;
export type SopEvent = (typeof SOP_EVENTS)[number];

/** Narrows an event: every given field must match (channel of an attribution, tag, segment, stage, event type, amount). */
export const SopEventFilterSchema = Type.Object(
  {
    channelIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 })),
    tagIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100 })),
    segmentId: Type.Optional(Type.String({ format: 'uuid' })),
    stageId: Type.Optional(Type.String({ format: 'uuid' })),
    eventType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    minAmount: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type SopEventFilter = Static<typeof SopEventFilterSchema>;

export const SopEntrySchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('event'),
      event: Type.Union(SOP_EVENTS.map((e) => Type.Literal(e))),
      filter: Type.Optional(SopEventFilterSchema),
    },
    { additionalProperties: false },
  ),
  /** N days after the customer was first added (0 = the day of the add), at a time of day. */
  Type.Object(
    { kind: Type.Literal('days_after_add'), days: Type.Integer({ minimum: 0, maximum: 3650 }), at: TimeOfDay },
    { additionalProperties: false },
  ),
  /** A yearly date: the birthday or a date custom field, N days before (negative) or after it, at a time of day. */
  Type.Object(
    {
      kind: Type.Literal('date'),
      field: Type.String({ minLength: 1, maxLength: 64, description: "'birthday' or a custom field id of type date" }),
      offsetDays: Type.Integer({ minimum: -60, maximum: 60 }),
      at: TimeOfDay,
    },
    { additionalProperties: false },
  ),
]);
export type SopEntry = Static<typeof SopEntrySchema>;

export const SopContentSchema = Type.Object(
  {
    text: Type.String({ maxLength: 2000 }),
    materialIds: Type.Optional(Type.Array(Id, { maxItems: 9 })),
  },
  { additionalProperties: false },
);
export type SopContent = Static<typeof SopContentSchema>;

export const SopWaitSchema = Type.Union([
  Type.Object(
    { type: Type.Literal('duration'), minutes: Type.Integer({ minimum: 1, maximum: 525_600 }) },
    { additionalProperties: false },
  ),
  /** Until the next time this time of day comes (Asia/Shanghai). */
  Type.Object({ type: Type.Literal('time_of_day'), time: TimeOfDay }, { additionalProperties: false }),
  /** Until the next such weekday (1 = Monday … 7 = Sunday) at a time of day. */
  Type.Object(
    { type: Type.Literal('weekday'), weekday: Type.Integer({ minimum: 1, maximum: 7 }), time: TimeOfDay },
    { additionalProperties: false },
  ),
  /** Until the event happens to the customer, or the timeout passes (then to `timeoutNext` when given). */
  Type.Object(
    {
      type: Type.Literal('event'),
      event: Type.Union(SOP_EVENTS.map((e) => Type.Literal(e))),
      filter: Type.Optional(SopEventFilterSchema),
      timeoutMinutes: Type.Integer({ minimum: 1, maximum: 525_600 }),
      timeoutNext: Type.Optional(StepId),
    },
    { additionalProperties: false },
  ),
]);
export type SopWait = Static<typeof SopWaitSchema>;

const step = <K extends string, P extends Record<string, import('@sinclair/typebox').TSchema>>(kind: K, props: P) =>
  Type.Object(
    {
      id: StepId,
      kind: Type.Literal(kind),
      name: Type.Optional(Type.String({ maxLength: 64 })),
      /** The step that follows; absent: the next one in the list (after the last: the flow is done). */
      next: Type.Optional(StepId),
      ...props,
    },
    { additionalProperties: false },
  );

export const SopStepSchema = Type.Union([
  step('wait', { wait: SopWaitSchema }),
  step('branch', {
    branches: Type.Array(
      Type.Object(
        { name: Type.String({ minLength: 1, maxLength: 64 }), rule: RuleInput, next: StepId },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        maxItems: 5,
      },
    ),
    /** Where a customer matching no branch goes; absent: the next step in the list. */
    otherwise: Type.Optional(StepId),
  }),
  /** Reminds the owning staff member (WeCom app message) to send the content, and puts a task in their list. */
  step('remind', { content: SopContentSchema }),
  /** A 1:1 mass message task (add_msg_template) from the owning staff member to the customer. */
  step('message', { content: SopContentSchema }),
  step('tag', { add: Type.Array(Id, { maxItems: 20 }), remove: Type.Array(Id, { maxItems: 20 }) }),
  step('stage', { pipelineId: Type.String({ format: 'uuid' }), stageId: Type.String({ format: 'uuid' }) }),
  step('points', {
    delta: Type.Integer({ minimum: 1, maximum: 100_000 }),
    reason: Type.String({ minLength: 1, maxLength: 64 }),
  }),
  step('task', {
    title: Type.String({ minLength: 1, maxLength: 120 }),
    dueDays: Type.Integer({ minimum: 0, maximum: 365 }),
  }),
  step('webhook', { url: Type.String({ minLength: 8, maxLength: 500, pattern: '^https?://' }) }),
  step('end', {}),
]);
export type SopStep = Static<typeof SopStepSchema>;
export type SopStepKind = SopStep['kind'];
export const SOP_STEP_KINDS = [
  'wait',
  'branch',
  'remind',
  'message',
  'tag',
  'stage',
  'points',
  'task',
  'webhook',
  'end',
] as const satisfies readonly SopStepKind[];

export const SopExitSchema = Type.Object(
  {
    /** The goal: the flow stops for a customer when this event happens to them (e.g. order.placed)… */
    goalEvent: Type.Optional(Type.Union(SOP_EVENTS.map((e) => Type.Literal(e)))),
    goalFilter: Type.Optional(SopEventFilterSchema),
    /** …or when they match this rule (checked before each step). */
    goalRule: Type.Optional(RuleInput),
    /** Leave when the customer no longer meets the entry condition (checked before each step). */
    leaveWhenConditionFails: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SopExit = Static<typeof SopExitSchema>;

export const SopFlowInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    entry: SopEntrySchema,
    condition: Type.Optional(Nullable(RuleInput)),
    /** `never`: once per customer; `after_exit`: again once their previous run ended. */
    reentry: Type.Union([Type.Literal('never'), Type.Literal('after_exit')]),
    exit: SopExitSchema,
    /** Share of entering customers held out (they run no step) to measure the flow's lift. */
    holdoutPercent: Type.Number({ minimum: 0, maximum: 50 }),
    steps: Type.Array(SopStepSchema, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type SopFlowInput = Static<typeof SopFlowInputSchema>;

/** Editing a running flow: where customers now at a removed step go (a step id or 'end'); default: the next kept step. */
export const SopFlowUpdateSchema = Type.Object(
  {
    ...SopFlowInputSchema.properties,
    moves: Type.Optional(
      Type.Record(Type.String({ maxLength: 32 }), Type.String({ maxLength: 32 }), { maxProperties: 50 }),
    ),
  },
  { additionalProperties: false },
);
export type SopFlowUpdate = Static<typeof SopFlowUpdateSchema>;

export const SopCountsSchema = Type.Object({
  entered: Type.Integer(),
  active: Type.Integer(),
  done: Type.Integer(),
  goal: Type.Integer(),
  exited: Type.Integer(),
  heldOut: Type.Integer(),
});
export type SopCounts = Static<typeof SopCountsSchema>;

export const SopFlowSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: Type.Union(SOP_FLOW_STATUSES.map((s) => Type.Literal(s))),
  entry: SopEntrySchema,
  condition: Nullable(RuleInput),
  reentry: Type.Union([Type.Literal('never'), Type.Literal('after_exit')]),
  exit: SopExitSchema,
  holdoutPercent: Type.Number(),
  steps: Type.Array(SopStepSchema),
  counts: SopCountsSchema,
  createdByName: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  activatedAt: Nullable(DateTime),
});
export type SopFlow = Static<typeof SopFlowSchema>;

export const SopFlowListSchema = Type.Object({ items: Type.Array(SopFlowSchema) });

export const SopStepStatsSchema = Type.Object({
  stepId: Type.String(),
  /** Customers who reached the step (ran it or started waiting at it). */
  reached: Type.Integer(),
  /** Customers waiting at it now. */
  waiting: Type.Integer(),
  done: Type.Integer(),
  skipped: Type.Integer(),
  failed: Type.Integer(),
});
export const SopOutcomeSchema = Type.Object({
  customers: Type.Integer(),
  converted: Type.Integer(),
  conversionRate: Type.Number(),
  revenue: Type.Number(),
});
export const SopStatsSchema = Type.Object({
  counts: SopCountsSchema,
  steps: Type.Array(SopStepStatsSchema),
  /** Orders placed after entering: customers who ran the flow against those held out. */
  flow: SopOutcomeSchema,
  holdout: Type.Union([SopOutcomeSchema, Type.Null()]),
  /** Conversion of the flow minus the holdout's, in percentage points (null without a holdout). */
  liftPoints: Nullable(Type.Number()),
});
export type SopStats = Static<typeof SopStatsSchema>;

export const SopEnrollmentSchema = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  customerName: Type.String(),
  staffName: Nullable(Type.String()),
  status: Type.Union(SOP_ENROLLMENT_STATUSES.map((s) => Type.Literal(s))),
  stepId: Nullable(Type.String()),
  stepName: Nullable(Type.String()),
  dueAt: Nullable(DateTime),
  /** Why the current step waits beyond its own time (contact budget, quiet hours), if it does. */
  heldReason: Nullable(Type.String()),
  enteredAt: DateTime,
  endedAt: Nullable(DateTime),
});
export type SopEnrollment = Static<typeof SopEnrollmentSchema>;
export const SopEnrollmentListSchema = Type.Object({ items: Type.Array(SopEnrollmentSchema), total: Type.Integer() });
export const SopEnrollmentQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Union(SOP_ENROLLMENT_STATUSES.map((s) => Type.Literal(s)))),
    stepId: Type.Optional(Type.String({ maxLength: 32 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type SopEnrollmentQuery = Static<typeof SopEnrollmentQuerySchema>;

/** What replaying the last 30 days of facts against a flow finds, before it is activated. */
export const SopDryRunSchema = Type.Object({
  days: Type.Integer(),
  entered: Type.Integer(),
  heldOut: Type.Integer(),
  steps: Type.Array(Type.Object({ stepId: Type.String(), reached: Type.Integer() })),
  /** Messages and reminders each staff member would have been asked to send, per day (Asia/Shanghai). */
  staffLoad: Type.Array(
    Type.Object({ staffUserid: Type.String(), staffName: Type.String(), day: Type.String(), sends: Type.Integer() }),
  ),
  /** The busiest staff-day. */
  peakPerStaffDay: Type.Integer(),
  /** Codes: branches_today (conditions and branches read today's data), waiting_counted, tags_not_replayed. */
  notes: Type.Array(Type.String()),
});
export type SopDryRun = Static<typeof SopDryRunSchema>;

/** The corp's contact budget across every flow and broadcast, and quiet hours (Asia/Shanghai). */
export const SopSettingsSchema = Type.Object(
  {
    maxPerDay: Nullable(Type.Integer({ minimum: 1, maximum: 50 })),
    maxPerWeek: Nullable(Type.Integer({ minimum: 1, maximum: 200 })),
    quietStart: Nullable(TimeOfDay),
    quietEnd: Nullable(TimeOfDay),
    /** What a step over budget does: wait for room, or be skipped (the flow goes on). */
    overBudget: Type.Union([Type.Literal('wait'), Type.Literal('skip')]),
  },
  { additionalProperties: false },
);
export type SopSettings = Static<typeof SopSettingsSchema>;

export const SOP_TEMPLATE_KEYS = ['new_customer_7d', 'post_purchase', 'repurchase', 'win_back', 'birthday'] as const;
export type SopTemplateKey = (typeof SOP_TEMPLATE_KEYS)[number];
export const SopTemplateSchema = Type.Object({
  key: Type.Union(SOP_TEMPLATE_KEYS.map((k) => Type.Literal(k))),
  flow: SopFlowInputSchema,
});
export const SopTemplateListSchema = Type.Object({ items: Type.Array(SopTemplateSchema) });

export const SOP_TASK_STATUSES = ['open', 'done', 'dismissed'] as const;
export type SopTaskStatus = (typeof SOP_TASK_STATUSES)[number];
/** A staff member's to-do from a flow: send this content to this customer, or follow them up. */
export const SopTaskSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('send'), Type.Literal('follow_up')]),
  flowId: Type.String(),
  flowName: Type.String(),
  customerId: Type.String(),
  customerName: Type.String(),
  staffUserid: Type.String(),
  staffName: Type.String(),
  title: Type.String(),
  content: Nullable(SopContentSchema),
  status: Type.Union(SOP_TASK_STATUSES.map((s) => Type.Literal(s))),
  dueAt: Nullable(DateTime),
  createdAt: DateTime,
});
export type SopTask = Static<typeof SopTaskSchema>;
export const SopTaskListSchema = Type.Object({ items: Type.Array(SopTaskSchema) });
export const SopTaskQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Union(SOP_TASK_STATUSES.map((s) => Type.Literal(s)))),
    customerId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
