// Route schemas of group SOP (群SOP, /api/group-sop…): a plan chooses customer groups (by owner, name or a list) and
// holds a calendar of pushes (daily, weekly on chosen days, or once; Asia/Shanghai), each sent as the group owner's
// group mass message or as a reminder to the owner; results per push and group. Also the calendar arithmetic both
// the server (when a push is next due) and the console (the editor's preview) use.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const GroupSopTimeOfDay = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, Asia/Shanghai' });

export const GROUP_SOP_STATUSES = ['active', 'paused', 'archived'] as const;
export type GroupSopStatus = (typeof GROUP_SOP_STATUSES)[number];
/** group_message: the owner's group mass message (add_msg_template, chat_type group); remind_owner: an app message. */
export const GROUP_SOP_ACTIONS = ['group_message', 'remind_owner'] as const;
export type GroupSopAction = (typeof GROUP_SOP_ACTIONS)[number];
/**
 * One group's result for one push occurrence: pending (due, not yet asked), claimed (WeCom being asked), created
 * (the owner's task exists, not sent yet), sent / not_delivered / received_other (WeCom's get_groupmsg_send_result
 * status 1 / 2 / 3), refused (in add_msg_template's fail_list), reminded (app message delivered), failed (with the
 * error), missed (the server was down more than an hour past the time).
 */
export const GROUP_SOP_RUN_STATES = ['pending', 'claimed', 'created', 'sent', 'not_delivered', 'received_other', 'refused', 'reminded', 'failed', 'missed'] as const;
export type GroupSopRunState = (typeof GROUP_SOP_RUN_STATES)[number];

/** Which groups: every given part must hold (AND). Group tags are not stored by Siyu today, so they cannot be chosen. */
export const GroupSopSelectionSchema = Type.Object(
  {
    ownerUserids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 500 })),
    nameContains: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    chatIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 2000 })),
  },
  { additionalProperties: false },
);
export type GroupSopSelection = Static<typeof GroupSopSelectionSchema>;

export const GroupSopScheduleSchema = Type.Union([
  Type.Object({ kind: Type.Literal('daily'), time: GroupSopTimeOfDay }, { additionalProperties: false }),
  /** weekdays: 1 Monday … 7 Sunday. */
  Type.Object(
    { kind: Type.Literal('weekly'), weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }), time: GroupSopTimeOfDay },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('once'), at: DateTime }, { additionalProperties: false }),
]);
export type GroupSopSchedule = Static<typeof GroupSopScheduleSchema>;

export const GroupSopContentSchema = Type.Object(
  {
    text: Type.String({ maxLength: 4000 }),
    /** Material library ids (up to 9, group mass messages only). */
    materialIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type GroupSopContent = Static<typeof GroupSopContentSchema>;

export const GroupSopPushInputSchema = Type.Object(
  {
    /** A push of this plan to keep (its results stay attached); absent: a new push. */
    id: Type.Optional(Type.String({ format: 'uuid' })),
    schedule: GroupSopScheduleSchema,
    action: Type.Union(GROUP_SOP_ACTIONS.map((a) => Type.Literal(a))),
    content: GroupSopContentSchema,
  },
  { additionalProperties: false },
);
export type GroupSopPushInput = Static<typeof GroupSopPushInputSchema>;

export const GroupSopPlanInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    selection: GroupSopSelectionSchema,
    pushes: Type.Array(GroupSopPushInputSchema, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type GroupSopPlanInput = Static<typeof GroupSopPlanInputSchema>;

export const GroupSopPushSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  schedule: GroupSopScheduleSchema,
  action: Type.Union(GROUP_SOP_ACTIONS.map((a) => Type.Literal(a))),
  content: GroupSopContentSchema,
  /** When it is next due; null once a one-off push has run, or while the plan is not active. */
  nextAt: Nullable(DateTime),
});
export type GroupSopPush = Static<typeof GroupSopPushSchema>;

export const GroupSopCountsSchema = Type.Object({
  runs: Type.Integer(),
  created: Type.Integer(),
  sent: Type.Integer(),
  reminded: Type.Integer(),
  failed: Type.Integer(),
});
export type GroupSopCounts = Static<typeof GroupSopCountsSchema>;

export const GroupSopPlanSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  status: Type.Union(GROUP_SOP_STATUSES.map((s) => Type.Literal(s))),
  selection: GroupSopSelectionSchema,
  /** Names of the chosen owners, in selection order (an unknown userid shows as itself). */
  ownerNames: Type.Array(Type.String()),
  /** Groups the selection matches now (not dismissed). */
  groups: Type.Integer(),
  pushes: Type.Array(GroupSopPushSchema),
  nextAt: Nullable(DateTime),
  counts: GroupSopCountsSchema,
  /** The last WeCom fault or problem of this plan (48009, no app configured, no group matched …), until a push succeeds. */
  lastError: Nullable(Type.String()),
  lastErrorAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type GroupSopPlan = Static<typeof GroupSopPlanSchema>;
export const GroupSopPlanListSchema = Type.Object({ items: Type.Array(GroupSopPlanSchema) });
export type GroupSopPlanList = Static<typeof GroupSopPlanListSchema>;

export const GroupSopRunSchema = Type.Object({
  pushId: Type.String({ format: 'uuid' }),
  action: Type.Union(GROUP_SOP_ACTIONS.map((a) => Type.Literal(a))),
  occurrenceAt: DateTime,
  chatId: Type.String(),
  groupName: Type.String(),
  ownerName: Type.String(),
  state: Type.Union(GROUP_SOP_RUN_STATES.map((s) => Type.Literal(s))),
  sentAt: Nullable(DateTime),
  error: Nullable(Type.String()),
});
export type GroupSopRun = Static<typeof GroupSopRunSchema>;
export const GroupSopRunQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  { additionalProperties: false },
);
export type GroupSopRunQuery = Static<typeof GroupSopRunQuerySchema>;
export const GroupSopRunListSchema = Type.Object({ items: Type.Array(GroupSopRunSchema), total: Type.Integer() });
export type GroupSopRunList = Static<typeof GroupSopRunListSchema>;

// ---- The calendar (Asia/Shanghai is UTC+8 all year: no daylight saving) ----

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The first time `schedule` is due strictly after `after`; null when it never is again (a one-off in the past). */
export function nextGroupSopOccurrence(schedule: GroupSopSchedule, after: Date): Date | null {
  if (schedule.kind === 'once') {
    const at = new Date(schedule.at);
    return at.getTime() > after.getTime() ? at : null;
  }
  const [h, m] = schedule.time.split(':').map(Number);
  const localDay = Math.floor((after.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
  for (let d = 0; d <= 8; d++) {
    const day = localDay + d;
    // 1970-01-01 was a Thursday (ISO weekday 4).
    const weekday = ((day + 3) % 7) + 1;
    if (schedule.kind === 'weekly' && !schedule.weekdays.includes(weekday)) continue;
    const at = day * DAY_MS + (h * 60 + m) * 60_000 - SHANGHAI_OFFSET_MS;
    if (at > after.getTime()) return new Date(at);
  }
  return null;
}

/** The next `count` times `schedule` is due after `after` (the editor's calendar preview). */
export function upcomingGroupSopOccurrences(schedule: GroupSopSchedule, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let from = after;
  while (out.length < count) {
    const next = nextGroupSopOccurrence(schedule, from);
    if (!next) break;
    out.push(next);
    from = next;
  }
  return out;
}
