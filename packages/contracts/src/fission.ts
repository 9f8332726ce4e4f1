// Route schemas of fission campaigns (裂变, /api/fission…), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';

const color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
const userid = Type.String({ minLength: 1, maxLength: 64 });
const RewardType = Type.Union([Type.Literal('code'), Type.Literal('link')]);

/** The poster a participant shares: colours and words, or a background from the material library. */
export const FissionPosterSchema = Type.Object(
  {
    background: color,
    title: Type.String({ maxLength: 40 }),
    text: Type.String({ maxLength: 200 }),
    materialId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** The body of POST /api/fission/campaigns. */
export const FissionCampaignBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    goal: Type.Integer({ minimum: 1, maximum: 1000 }),
    rewardType: RewardType,
    rewardLink: Type.Optional(Type.String({ maxLength: 500, pattern: '^https?://' })),
    rewardCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20_000 })),
    poster: FissionPosterSchema,
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    staffUserids: Type.Array(userid, { minItems: 1, maxItems: 100 }),
    tagIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 })),
    withdrawHours: Type.Integer({ minimum: 0, maximum: 720 }),
  },
  { additionalProperties: false },
);
export type FissionCampaignInput = Static<typeof FissionCampaignBodySchema>;
/** The answer of POST /api/fission/campaigns: the campaign and how many reward codes were stocked. */
export const FissionCampaignCreatedSchema = Type.Object({ id: Type.String(), rewardCodes: Type.Integer() });
export type FissionCampaignCreated = Static<typeof FissionCampaignCreatedSchema>;

export const FissionCampaignItemSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  goal: Type.Integer(),
  reward_type: RewardType,
  starts_at: DateTime,
  ends_at: DateTime,
  participants: Type.Integer(),
  /** counted adds not withdrawn */
  adds: Type.Integer(),
  completions: Type.Integer(),
});
export type FissionCampaignItem = Static<typeof FissionCampaignItemSchema>;
export const FissionCampaignListSchema = Items(FissionCampaignItemSchema);

export const FissionFunnelSchema = Type.Object({
  posters: Type.Integer(),
  scans: Type.Integer(),
  adds: Type.Integer(),
  withdrawn: Type.Integer(),
  completions: Type.Integer(),
  rewards: Type.Integer(),
});
export type FissionFunnel = Static<typeof FissionFunnelSchema>;

export const FissionCampaignSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  goal: Type.Integer(),
  rewardType: RewardType,
  rewardLink: Nullable(Type.String()),
  poster: FissionPosterSchema,
  startsAt: DateTime,
  endsAt: DateTime,
  staffUserids: Type.Array(Type.String()),
  tagIds: Type.Array(Type.String()),
  withdrawHours: Type.Integer(),
  /** reward codes stocked and handed out */
  codes: Type.Object({ total: Type.Integer(), issued: Type.Integer() }),
  funnel: FissionFunnelSchema,
  /** adds by outcome (counted, not_new, self, duplicate, inactive) */
  outcomes: Type.Record(Type.String(), Type.Integer()),
});
export type FissionCampaign = Static<typeof FissionCampaignSchema>;

/** The answer of POST /api/fission/campaigns/:id/reward-codes: codes added (duplicates are skipped). */
export const FissionCodesAddedSchema = Type.Object({ added: Type.Integer() });

/** A participant's poster (POST /api/fission/campaigns/:id/participants); joining twice returns the same one. */
export const FissionParticipantJoinedSchema = Type.Object({
  id: Type.String(),
  token: Type.String(),
  state: Type.String(),
  configId: Nullable(Type.String()),
  qrCode: Nullable(Type.String()),
  credits: Type.Integer(),
  progressUrl: Type.String(),
  posterUrl: Type.String(),
});
export type FissionParticipantJoined = Static<typeof FissionParticipantJoinedSchema>;

export const FissionParticipantSchema = Type.Object({
  id: Type.String(),
  externalUserid: Type.String(),
  name: Type.String(),
  credits: Type.Integer(),
  completedAt: Nullable(DateTime),
  configId: Nullable(Type.String()),
  token: Type.String(),
  createdAt: DateTime,
});
export const FissionParticipantsSchema = Items(FissionParticipantSchema);

export const FissionLeaderboardRowSchema = Type.Object({
  id: Type.String(),
  externalUserid: Type.String(),
  name: Type.String(),
  credits: Type.Integer(),
  completedAt: Nullable(DateTime),
  rewardedAt: Nullable(DateTime),
  rank: Type.Integer(),
  /** reached the goal and ranks in the top 10% of active referrers (at least the top 3) */
  kocCandidate: Type.Boolean(),
});
export type FissionLeaderboardRow = Static<typeof FissionLeaderboardRowSchema>;
export const FissionLeaderboardSchema = Items(FissionLeaderboardRowSchema);

/** A participant's live progress (public, by token). */
export const FissionProgressSchema = Type.Object({
  campaignName: Type.String(),
  name: Type.String(),
  goal: Type.Integer(),
  credits: Type.Integer(),
  completed: Type.Boolean(),
  reward: Nullable(Type.Object({ code: Nullable(Type.String()), link: Nullable(Type.String()) })),
  endsAt: DateTime,
});
