// Route schemas of the chat sidebar (/api/sidebar…): who is looking (the OAuth session), the JS-SDK signatures, the
// customer and group views, and what the guide changes or sends from there.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';

export const SidebarMeSchema = Type.Object({
  corpId: Type.String(),
  /** WeCom's corp id and the app's agent id, for ww.register */
  wecomCorpId: Type.String(),
  agentId: Nullable(Type.String()),
  staff: Type.Object({ userid: Type.String(), name: Type.String() }),
});
export type SidebarMe = Static<typeof SidebarMeSchema>;

export const SignatureSchema = Type.Object({ timestamp: Type.Integer(), nonceStr: Type.String(), signature: Type.String() });
export type JsSignature = Static<typeof SignatureSchema>;

const TagRef = Type.Object({ tagId: Type.String(), name: Type.String(), groupName: Type.String() });
/** An open task of the guide for this customer: an alert (churn, repurchase) or an SOP step's "send this" or follow-up. */
export const SidebarTaskSchema = Type.Object({
  id: Type.String(),
  source: Type.Union([Type.Literal('alert'), Type.Literal('sop')]),
  kind: Type.String(),
  /** An SOP task's title (the step's name) and the content to send; null for alerts. */
  title: Nullable(Type.String()),
  text: Nullable(Type.String()),
  materialIds: Type.Array(Type.String()),
  createdAt: DateTime,
});
export type SidebarTask = Static<typeof SidebarTaskSchema>;
export const SidebarOrderSchema = Type.Object({ id: Type.String(), amount: Type.Number(), placedAt: DateTime, title: Type.String() });
export const SidebarTimelineItemSchema = Type.Object({ id: Type.String(), type: Type.String(), source: Type.String(), occurredAt: DateTime, summary: Type.String() });
export type SidebarTimelineItem = Static<typeof SidebarTimelineItemSchema>;
export const SidebarPipelineSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  stageId: Nullable(Type.String()),
  stageName: Nullable(Type.String()),
});
export type SidebarPipeline = Static<typeof SidebarPipelineSchema>;

export const SidebarCustomerSchema = Type.Object({
  id: Type.String(),
  externalUserid: Type.String(),
  name: Type.String(),
  avatar: Nullable(Type.String()),
  remark: Type.String(),
  /** the channel code this staff member's follow came through, by name */
  channel: Nullable(Type.String()),
  tags: Type.Array(TagRef),
  pipelines: Type.Array(SidebarPipelineSchema),
  rfmClass: Nullable(Type.String()),
  points: Type.Integer(),
  levelName: Nullable(Type.String()),
  orders: Type.Array(SidebarOrderSchema),
  notes: Type.Array(Type.Object({ id: Type.String(), content: Type.String(), createdAt: DateTime })),
  tasks: Type.Array(SidebarTaskSchema),
  timeline: Type.Array(SidebarTimelineItemSchema),
  timelineTypes: Type.Array(Type.String()),
});
export type SidebarCustomer = Static<typeof SidebarCustomerSchema>;

/** The page's first screen: the customer, and that view rendered to HTML by the server (null without a renderer). */
export const SidebarFirstScreenQuery = Type.Object(
  {
    externalUserid: Type.String({ minLength: 1, maxLength: 64 }),
    lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US')])),
    /** the phone's IANA time zone, for the dates shown */
    tz: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_+\\-/]+$' })),
  },
  { additionalProperties: false },
);
export const SidebarFirstScreenSchema = Type.Object({ customer: SidebarCustomerSchema, html: Nullable(Type.String()) });
export type SidebarFirstScreen = Static<typeof SidebarFirstScreenSchema>;

export const SidebarGroupSchema = Type.Object({
  chatId: Type.String(),
  name: Type.String(),
  owner: Type.String(),
  memberCount: Type.Integer(),
  tags: Type.Array(Type.String()),
  members: Type.Array(Type.Object({ customerId: Type.String(), name: Type.String(), tags: Type.Array(Type.String()) })),
});
export type SidebarGroup = Static<typeof SidebarGroupSchema>;

/**
 * A group SOP item due today for a group the guide owns: the push's text and materials, and what is left to do —
 * to_send (send it from the sidebar: a reminder to the owner, or a group message WeCom did not take), wecom_task (a
 * WeCom group mass message task awaits the owner's confirmation in WeCom) or done (marked done, or WeCom reports it
 * sent). pushId + occurrenceAt name the item when it is marked done.
 */
export const SidebarGroupSopItemSchema = Type.Object({
  pushId: Type.String(),
  occurrenceAt: DateTime,
  planName: Type.String(),
  action: Type.Union([Type.Literal('group_message'), Type.Literal('remind_owner')]),
  text: Type.String(),
  materials: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), kind: Type.String() })),
  /** materials of the push that were deleted since, by count (the phone says some are gone) */
  materialsGone: Type.Integer(),
  status: Type.Union([Type.Literal('to_send'), Type.Literal('wecom_task'), Type.Literal('done')]),
  doneAt: Nullable(DateTime),
});
export type SidebarGroupSopItem = Static<typeof SidebarGroupSopItemSchema>;
export const SidebarGroupSopSchema = Type.Object({ items: Type.Array(SidebarGroupSopItemSchema) });
export type SidebarGroupSop = Static<typeof SidebarGroupSopSchema>;
export const SidebarGroupSopQuery = Type.Object({ chatId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const SidebarGroupSopDoneBody = Type.Object(
  { chatId: Type.String({ minLength: 1, maxLength: 64 }), pushId: Type.String({ format: 'uuid' }), occurrenceAt: DateTime },
  { additionalProperties: false },
);
export type SidebarGroupSopDone = Static<typeof SidebarGroupSopDoneBody>;

export const SidebarTagOptionsSchema = Type.Object({ groups: Type.Array(Type.Object({ name: Type.String(), tags: Type.Array(Type.Object({ tagId: Type.String(), name: Type.String() })) })) });
export type SidebarTagOptions = Static<typeof SidebarTagOptionsSchema>;

/** The pipelines and their stages a guide may move a customer to. */
export const SidebarStageOptionsSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), stages: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) })),
});
export type SidebarStageOptions = Static<typeof SidebarStageOptionsSchema>;

export const SidebarTagBody = Type.Object(
  { add: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 }), remove: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 }) },
  { additionalProperties: false },
);
export const SidebarStageBody = Type.Object({ pipelineId: Type.String({ format: 'uuid' }), stageId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const SidebarNoteBody = Type.Object({ content: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const SidebarTimelineQuery = Type.Object({ types: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });

/** A ready-to-send item: a script with its variables filled, or a material as sendChatMessage takes it. */
export const SidebarMessageSchema = Type.Object({
  msgtype: Type.Union([Type.Literal('text'), Type.Literal('image'), Type.Literal('news'), Type.Literal('miniprogram'), Type.Literal('file'), Type.Literal('video')]),
  text: Type.Optional(Type.Object({ content: Type.String() })),
  image: Type.Optional(Type.Object({ mediaid: Type.String() })),
  video: Type.Optional(Type.Object({ mediaid: Type.String() })),
  file: Type.Optional(Type.Object({ mediaid: Type.String() })),
  news: Type.Optional(Type.Object({ link: Type.String(), title: Type.String(), desc: Type.String(), imgUrl: Type.String() })),
  miniprogram: Type.Optional(Type.Object({ appid: Type.String(), title: Type.String(), imgUrl: Type.String(), page: Type.String() })),
});
export type SidebarMessage = Static<typeof SidebarMessageSchema>;

export const SidebarLibraryItemSchema = Type.Object({
  kind: Type.Union([Type.Literal('script'), Type.Literal('material')]),
  id: Type.String(),
  title: Type.String(),
  folder: Nullable(Type.String()),
  /** suggested for this customer (their stage or tags point to it) */
  suggested: Type.Boolean(),
  /** this staff member's uses */
  uses: Type.Integer(),
  /** a preview line for the list */
  preview: Type.String(),
  messages: Type.Array(SidebarMessageSchema),
});
export type SidebarLibraryItem = Static<typeof SidebarLibraryItemSchema>;
export const SidebarLibraryQuery = Type.Object(
  {
    customerId: Type.Optional(Type.String({ format: 'uuid' })),
    chatId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export const SidebarLibrarySchema = Type.Object({ items: Type.Array(SidebarLibraryItemSchema), materialsAvailable: Type.Boolean() });
export type SidebarLibrary = Static<typeof SidebarLibrarySchema>;

export const SidebarUseBody = Type.Object(
  { kind: Type.Union([Type.Literal('script'), Type.Literal('material')]), id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
