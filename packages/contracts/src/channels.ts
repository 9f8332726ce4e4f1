// Route schemas of channel codes (渠道活码, /api/channels…), shared by the server's routes and the console: the parts
// of a code (rotation schedule, auto-accept window, welcome message) and the answers with their statistics.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';

const strict = { additionalProperties: false } as const;
const userid = Type.String({ minLength: 1, maxLength: 64 });
const hhmm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

export const ChannelScheduleRuleSchema = Type.Object(
  {
    userids: Type.Array(userid, { minItems: 1, maxItems: 100 }),
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
    start: hhmm,
    end: hhmm,
  },
  strict,
);

export const TimeWindowSchema = Type.Object({ start: hhmm, end: hhmm }, strict);

const url = Type.String({ minLength: 1, maxLength: 2048 });
const mediaId = Type.String({ minLength: 1, maxLength: 256 });
export const WelcomeAttachmentSchema = Type.Union([
  Type.Object(
    {
      msgtype: Type.Literal('image'),
      image: Type.Object({ pic_url: Type.Optional(url), media_id: Type.Optional(mediaId) }, strict),
    },
    strict,
  ),
  Type.Object(
    {
      msgtype: Type.Literal('link'),
      link: Type.Object(
        {
          title: Type.String({ minLength: 1, maxLength: 128 }),
          url,
          picurl: Type.Optional(url),
          desc: Type.Optional(Type.String({ maxLength: 512 })),
        },
        strict,
      ),
    },
    strict,
  ),
  Type.Object(
    {
      msgtype: Type.Literal('miniprogram'),
      miniprogram: Type.Object(
        { title: Type.String({ minLength: 1, maxLength: 64 }), pic_media_id: mediaId, appid: Type.String({ minLength: 1, maxLength: 64 }), page: url },
        strict,
      ),
    },
    strict,
  ),
  Type.Object({ msgtype: Type.Literal('video'), video: Type.Object({ media_id: mediaId }, strict) }, strict),
  Type.Object({ msgtype: Type.Literal('file'), file: Type.Object({ media_id: mediaId }, strict) }, strict),
]);

export const WelcomeMessageSchema = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: 4000 })),
    attachments: Type.Optional(Type.Array(WelcomeAttachmentSchema, { maxItems: 9 })),
    /** Attachments from the material library (uploaded to WeCom when the welcome is sent). */
    materialIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 9 })),
  },
  strict,
);

export type ChannelScheduleRule = Static<typeof ChannelScheduleRuleSchema>;
export type TimeWindow = Static<typeof TimeWindowSchema>;
export type WelcomeAttachment = Static<typeof WelcomeAttachmentSchema>;
export type WelcomeMessage = Static<typeof WelcomeMessageSchema>;

/** A code's figures over a range; cost and its ratios are over the code's whole life. */
export const ChannelTotalsSchema = Type.Object({
  channelId: Type.String(),
  adds: Type.Integer(),
  deletedByCustomer: Type.Integer(),
  /** deletions by the staff member, or whose side is unknown */
  deletedByStaff: Type.Integer(),
  net: Type.Integer(),
  /** customers it brought who then bought */
  converted: Type.Integer(),
  revenue: Type.Number(),
  welcomeSent: Type.Integer(),
  welcomeLate: Type.Integer(),
  welcomeFailed: Type.Integer(),
  cost: Type.Number(),
  costPerAdd: Nullable(Type.Number()),
  roi: Nullable(Type.Number()),
  lifetimeAdds: Type.Integer(),
  lifetimeRevenue: Type.Number(),
});
export type ChannelTotals = Static<typeof ChannelTotalsSchema>;

/** A channel code as stored (the answer of POST, PUT and GET /api/channels/:id). */
export const ChannelCodeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  groupId: Nullable(Type.String()),
  /** the WeCom `state` new follows carry */
  state: Type.String(),
  configId: Nullable(Type.String()),
  qrCode: Nullable(Type.String()),
  staffUserids: Type.Array(Type.String()),
  backupUserids: Type.Array(Type.String()),
  schedule: Type.Array(ChannelScheduleRuleSchema),
  dailyCap: Nullable(Type.Integer()),
  skipVerify: Type.Boolean(),
  autoAccept: Nullable(TimeWindowSchema),
  tagIds: Type.Array(Type.String()),
  welcome: WelcomeMessageSchema,
  cost: Type.Number(),
  /** the staff WeCom currently rotates over */
  appliedUserids: Type.Array(Type.String()),
  appliedSkipVerify: Nullable(Type.Boolean()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type ChannelCode = Static<typeof ChannelCodeSchema>;

/** A row of GET /api/channels: the code with its lifetime totals and today's adds. */
export const ChannelListItemSchema = Type.Composite([
  ChannelCodeSchema,
  Type.Object({ totals: ChannelTotalsSchema, today: Type.Object({ adds: Type.Integer(), net: Type.Integer() }) }),
]);
export type ChannelListItem = Static<typeof ChannelListItemSchema>;
export const ChannelListSchema = Items(ChannelListItemSchema);

/** Local calendar days (Asia/Shanghai), YYYY-MM-DD. */
export const StatsRangeSchema = Type.Object({ from: Type.String(), to: Type.String() });

export const ChannelSummaryRowSchema = Type.Composite([Type.Object({ id: Type.String(), name: Type.String(), groupId: Nullable(Type.String()) }), ChannelTotalsSchema]);
/** GET /api/channels/summary: every code's totals over the range. */
export const ChannelSummarySchema = Type.Object({ range: StatsRangeSchema, rows: Type.Array(ChannelSummaryRowSchema) });
export type ChannelSummary = Static<typeof ChannelSummarySchema>;

/** One local day of a code's figures; retention is the share of that day's adds still there N days later. */
export const ChannelDayStatsSchema = Type.Object({
  day: Type.String(),
  adds: Type.Integer(),
  deletedByCustomer: Type.Integer(),
  deletedByStaff: Type.Integer(),
  net: Type.Integer(),
  retention1: Nullable(Type.Number()),
  retention7: Nullable(Type.Number()),
  retention30: Nullable(Type.Number()),
  converted: Type.Integer(),
  revenue: Type.Number(),
  welcomeSent: Type.Integer(),
  welcomeLate: Type.Integer(),
});
export type ChannelDayStats = Static<typeof ChannelDayStatsSchema>;
export const ChannelStatsSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  range: StatsRangeSchema,
  totals: ChannelTotalsSchema,
  days: Type.Array(ChannelDayStatsSchema),
});
export type ChannelStats = Static<typeof ChannelStatsSchema>;

/** A corp tag new customers of a code can get, with its group. */
export const ChannelTagOptionSchema = Type.Object({ tagId: Type.String(), name: Type.String(), groupId: Type.String(), groupName: Type.String() });
export type ChannelTagOption = Static<typeof ChannelTagOptionSchema>;
export const ChannelTagOptionsSchema = Items(ChannelTagOptionSchema);

/** A folder of channel codes, with how many codes it holds. */
export const ChannelCodeGroupSchema = Type.Object({ id: Type.String(), name: Type.String(), codes: Type.Integer() });
export type ChannelCodeGroup = Static<typeof ChannelCodeGroupSchema>;
export const ChannelCodeGroupsSchema = Items(ChannelCodeGroupSchema);
