// Route schemas of the customer list and a customer's record (/api/customers, /api/customers/:id), shared by the
// server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';

/**
 * Where a follow came from, by its WeCom `state`: a channel code, a fission participant's code (the campaign's name)
 * or a group code, by name; `other` for a state Siyu did not make (the console shows "其他来源 (state)").
 */
export const AttributionSchema = Type.Object({
  kind: Type.Union([Type.Literal('channel'), Type.Literal('fission'), Type.Literal('group_code'), Type.Literal('other')]),
  name: Nullable(Type.String()),
  state: Type.String(),
});
export type Attribution = Static<typeof AttributionSchema>;

export const CustomerListItemSchema = Type.Object({
  id: Type.String(),
  externalUserid: Nullable(Type.String()),
  name: Type.String(),
  avatar: Nullable(Type.String()),
  gender: Nullable(Type.Integer()),
  phone: Nullable(Type.String()),
  /** userids of the staff who currently follow the customer */
  owners: Type.Array(Type.String()),
  createdAt: DateTime,
});
export type CustomerListItem = Static<typeof CustomerListItemSchema>;
export const CustomerListSchema = Type.Object({ items: Type.Array(CustomerListItemSchema), total: Type.Integer() });

export const CustomerFollowSchema = Type.Object({
  staffUserid: Type.String(),
  staffName: Nullable(Type.String()),
  remark: Nullable(Type.String()),
  description: Nullable(Type.String()),
  addWay: Nullable(Type.Integer()),
  state: Nullable(Type.String()),
  /** The state's channel code, fission campaign or group code by name; null without a state. */
  attribution: Type.Optional(Nullable(AttributionSchema)),
  tagIds: Nullable(Type.Array(Type.String())),
  /** the phone numbers the staff member noted for the customer (WeCom remark_mobiles), masked unless the role may see phones */
  remarkMobiles: Type.Array(Type.String()),
  followedAt: DateTime,
  deletedAt: Nullable(DateTime),
  deletedBy: Type.Union([Type.Literal('staff'), Type.Literal('customer'), Type.Null()]),
});
export type CustomerFollow = Static<typeof CustomerFollowSchema>;

/** What WeCom says of a customer, as the detail and the profile show it. */
export const CustomerAttributesSchema = Type.Object({
  externalUserid: Nullable(Type.String()),
  name: Type.String(),
  avatar: Nullable(Type.String()),
  /** 1 WeChat user, 2 WeCom user */
  type: Nullable(Type.Integer()),
  gender: Nullable(Type.Integer()),
  unionid: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  corpName: Nullable(Type.String()),
  createdAt: DateTime,
});
export type CustomerAttributes = Static<typeof CustomerAttributesSchema>;

export const CustomerDetailSchema = Type.Composite([
  Type.Object({ id: Type.String() }),
  CustomerAttributesSchema,
  Type.Object({ follows: Type.Array(CustomerFollowSchema) }),
]);
export type CustomerDetail = Static<typeof CustomerDetailSchema>;

/** A row of POST /api/customers/search: `id` always, the rest as the request's columns chose. */
export const CustomerSearchRowSchema = Type.Object({
  id: Type.String(),
  name: Type.Optional(Type.String()),
  avatar: Type.Optional(Nullable(Type.String())),
  externalUserid: Type.Optional(Nullable(Type.String())),
  /** masked unless the role may see phone numbers */
  phone: Type.Optional(Nullable(Type.String())),
  gender: Type.Optional(Nullable(Type.Integer())),
  createdAt: Type.Optional(DateTime),
  /** the following staff's names (a userid Siyu does not know stays as it is) */
  owners: Type.Optional(Type.Array(Type.String())),
  /** the tags' names on current follows */
  tags: Type.Optional(Type.Array(Type.String())),
  /** each source by name */
  channels: Type.Optional(Type.Array(AttributionSchema)),
  orderCount: Type.Optional(Type.Number()),
  orderAmount: Type.Optional(Type.Number()),
  lastOrderAt: Type.Optional(Nullable(DateTime)),
});
export type CustomerSearchRow = Static<typeof CustomerSearchRowSchema>;
/**
 * Which total POST /api/customers/search computes beside the page: `none` (the page alone, fast), `estimate` (at
 * once: the rule over a uniform sample of about 10,000 of the corp's customers, scaled up; exact when the corp has no
 * more customers than the sample) or `exact` (a full evaluation of the rule: seconds at a million customers).
 */
export const CustomerSearchTotalSchema = Type.Union([Type.Literal('none'), Type.Literal('estimate'), Type.Literal('exact')]);
export type CustomerSearchTotal = Static<typeof CustomerSearchTotalSchema>;
/**
 * `total` is null when the request asked for the page alone; `totalEstimated` is true when `total` is a sampled
 * estimate (the console shows "约 12,300" until an exact count replaces it), false when it is the exact count.
 */
export const CustomerSearchPageSchema = Type.Object({
  total: Nullable(Type.Integer()),
  totalEstimated: Type.Boolean(),
  items: Type.Array(CustomerSearchRowSchema),
});
export type CustomerSearchPage = Static<typeof CustomerSearchPageSchema>;

/** A customer's notes, newest first. */
export const CustomerNoteSchema = Type.Object({
  id: Type.String(),
  content: Type.String(),
  staffUserid: Nullable(Type.String()),
  authorUserId: Nullable(Type.String()),
  authorName: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type CustomerNote = Static<typeof CustomerNoteSchema>;
/** The answer of POST /api/customers/:id/notes. */
export const CreatedNoteSchema = Type.Object({ id: Type.String(), content: Type.String(), createdAt: DateTime });

export const CustomerProfileSchema = Type.Object({
  id: Type.String(),
  /** the id asked for when it was merged into `id` */
  requestedId: Type.Optional(Type.String()),
  attributes: CustomerAttributesSchema,
  identities: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('external_userid'), Type.Literal('unionid'), Type.Literal('openid'), Type.Literal('phone'), Type.Literal('member_id')]),
      value: Type.String(),
      createdAt: DateTime,
    }),
  ),
  customFields: Type.Array(
    Type.Object({
      fieldId: Type.String(),
      key: Type.String(),
      label: Type.String(),
      type: Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('date'), Type.Literal('select')]),
      options: Type.Array(Type.String()),
      value: Type.Union([Type.String(), Type.Number(), Type.Null()]),
    }),
  ),
  follows: Type.Array(CustomerFollowSchema),
  groups: Type.Array(
    Type.Object({
      chatId: Type.String(),
      name: Type.String(),
      ownerUserid: Nullable(Type.String()),
      joinTime: Nullable(DateTime),
      joinScene: Nullable(Type.Integer()),
    }),
  ),
  tags: Type.Array(
    Type.Object({
      tagId: Type.String(),
      name: Nullable(Type.String()),
      groupName: Nullable(Type.String()),
      /** who put the tag on */
      staffUserids: Type.Array(Type.String()),
    }),
  ),
  stages: Type.Array(
    Type.Object({
      pipelineId: Type.String(),
      pipelineName: Type.String(),
      stageId: Nullable(Type.String()),
      stageName: Nullable(Type.String()),
      enteredAt: Nullable(DateTime),
    }),
  ),
  rfm: Nullable(
    Type.Object({
      lastOrderAt: Nullable(DateTime),
      orderCount: Type.Integer(),
      amount: Type.Number(),
      r: Type.Integer(),
      f: Type.Integer(),
      m: Type.Integer(),
      class: Type.String(),
      medianIntervalDays: Nullable(Type.Number()),
    }),
  ),
  membership: Type.Object({
    points: Type.Number(),
    growth: Type.Number(),
    level: Type.Integer(),
    levelName: Nullable(Type.String()),
    nextLevel: Nullable(Type.Object({ level: Type.Integer(), name: Type.String(), minGrowth: Type.Number() })),
  }),
  notes: Type.Array(CustomerNoteSchema),
});
export type CustomerProfile = Static<typeof CustomerProfileSchema>;

export const TimelineItemSchema = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  source: Type.String(),
  occurredAt: DateTime,
  /** the event's own fields, by its type */
  properties: Type.Record(Type.String(), Type.Unknown()),
});
export type TimelineItem = Static<typeof TimelineItemSchema>;
export const TimelinePageSchema = Type.Object({
  items: Type.Array(TimelineItemSchema),
  /** pass back as `cursor` for the next page; null on the last */
  nextCursor: Nullable(Type.String()),
  /** every event type the customer has, for the filter */
  types: Type.Array(Type.String()),
});
export type TimelinePage = Static<typeof TimelinePageSchema>;
