import { Type } from '@sinclair/typebox';
import { ChannelScheduleRuleSchema, TimeWindowSchema, WelcomeMessageSchema } from '@siyu/contracts';
import { Name } from '../../http/text';

const strict = { additionalProperties: false } as const;
const userid = Type.String({ minLength: 1, maxLength: 64 });
export const DAY = Type.String({ format: 'date' });

export const ChannelBody = Type.Object(
  {
    name: Name({ maxLength: 60 }),
    groupId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    state: Type.Optional(Type.String({ minLength: 1, maxLength: 30, pattern: '^[A-Za-z0-9_\\-.:]+$' })),
    staffUserids: Type.Array(userid, { maxItems: 100 }),
    backupUserids: Type.Optional(Type.Array(userid, { maxItems: 100 })),
    schedule: Type.Optional(Type.Array(ChannelScheduleRuleSchema, { maxItems: 50 })),
    dailyCap: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()])),
    skipVerify: Type.Optional(Type.Boolean()),
    autoAccept: Type.Optional(Type.Union([TimeWindowSchema, Type.Null()])),
    tagIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 })),
    welcome: Type.Optional(WelcomeMessageSchema),
    cost: Type.Optional(Type.Number({ minimum: 0, maximum: 1e11 })),
  },
  strict,
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);
export const RangeQuery = Type.Object({ from: Type.Optional(DAY), to: Type.Optional(DAY) }, strict);
export const NameBody = Type.Object({ name: Name({ maxLength: 60 }) }, strict);
