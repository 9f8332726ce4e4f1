import { Type } from '@sinclair/typebox';
import { Name } from '../../http/text';

const strict = { additionalProperties: false } as const;
const userid = Type.String({ minLength: 1, maxLength: 64 });
const hhmm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
export const DAY = Type.String({ format: 'date' });

export const ScheduleRuleSchema = Type.Object(
  {
    userids: Type.Array(userid, { minItems: 1, maxItems: 100 }),
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
    start: hhmm,
    end: hhmm,
  },
  strict,
);

export const WindowSchema = Type.Object({ start: hhmm, end: hhmm }, strict);

const url = Type.String({ minLength: 1, maxLength: 2048 });
const mediaId = Type.String({ minLength: 1, maxLength: 256 });
export const AttachmentSchema = Type.Union([
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

export const WelcomeSchema = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: 4000 })),
    attachments: Type.Optional(Type.Array(AttachmentSchema, { maxItems: 9 })),
    /** Attachments from the material library (uploaded to WeCom when the welcome is sent). */
    materialIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 9 })),
  },
  strict,
);

export const ChannelBody = Type.Object(
  {
    name: Name({ maxLength: 60 }),
    groupId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    state: Type.Optional(Type.String({ minLength: 1, maxLength: 30, pattern: '^[A-Za-z0-9_\\-.:]+$' })),
    staffUserids: Type.Array(userid, { maxItems: 100 }),
    backupUserids: Type.Optional(Type.Array(userid, { maxItems: 100 })),
    schedule: Type.Optional(Type.Array(ScheduleRuleSchema, { maxItems: 50 })),
    dailyCap: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()])),
    skipVerify: Type.Optional(Type.Boolean()),
    autoAccept: Type.Optional(Type.Union([WindowSchema, Type.Null()])),
    tagIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 })),
    welcome: Type.Optional(WelcomeSchema),
    cost: Type.Optional(Type.Number({ minimum: 0, maximum: 1e11 })),
  },
  strict,
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);
export const RangeQuery = Type.Object({ from: Type.Optional(DAY), to: Type.Optional(DAY) }, strict);
export const NameBody = Type.Object({ name: Name({ maxLength: 60 }) }, strict);
