// SQL of fission campaigns: campaigns, reward codes, participants, adds (credited at most once), rewards.
import { sql } from 'kysely';
import type { FissionAddOutcome, FissionPoster } from '../../db/schema-leads-fission';
import type { Tx } from '../../db/tenancy';

export type CampaignInput = {
  code: string;
  name: string;
  goal: number;
  rewardType: 'code' | 'link';
  rewardLink: string | null;
  poster: FissionPoster;
  startsAt: Date;
  endsAt: Date;
  staffUserids: string[];
  tagIds: string[];
  withdrawHours: number;
};

export async function insertCampaign(tx: Tx, corpId: string, c: CampaignInput) {
  return tx
    .insertInto('fission_campaigns')
    .values({
      corp_id: corpId,
      code: c.code,
      name: c.name,
      goal: c.goal,
      reward_type: c.rewardType,
      reward_link: c.rewardLink,
      poster: JSON.stringify(c.poster),
      starts_at: c.startsAt,
      ends_at: c.endsAt,
      staff_userids: c.staffUserids,
      tag_ids: c.tagIds,
      withdraw_hours: c.withdrawHours,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function addRewardCodes(tx: Tx, corpId: string, campaignId: string, codes: string[]): Promise<number> {
  if (codes.length === 0) return 0;
  const { rows } = await sql<{ n: number }>`
    with ins as (
      insert into fission_reward_codes (corp_id, campaign_id, code)
      select ${corpId}, ${campaignId}::uuid, c from unnest(${codes}::text[]) as c
      on conflict do nothing returning 1)
    select count(*)::int as n from ins`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}

export function findCampaign(tx: Tx, corpId: string, id: string) {
  return tx
    .selectFrom('fission_campaigns')
    .selectAll()
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listCampaigns(tx: Tx, corpId: string) {
  const { rows } = await sql<{
    id: string;
    name: string;
    goal: number;
    reward_type: 'code' | 'link';
    starts_at: Date;
    ends_at: Date;
    participants: number;
    adds: number;
    completions: number;
  }>`
    select c.id, c.name, c.goal, c.reward_type, c.starts_at, c.ends_at,
           (select count(*)::int from fission_participants p where p.corp_id = c.corp_id and p.campaign_id = c.id) as participants,
           (select count(*)::int from fission_adds a where a.corp_id = c.corp_id and a.campaign_id = c.id
              and a.outcome = 'counted' and a.withdrawn_at is null) as adds,
           (select count(*)::int from fission_participants p where p.corp_id = c.corp_id and p.campaign_id = c.id
              and p.completed_at is not null) as completions
      from fission_campaigns c where c.corp_id = ${corpId} order by c.created_at desc limit 200`.execute(tx);
  return rows;
}

export async function codeStock(tx: Tx, corpId: string, campaignId: string) {
  const r = await sql<{ total: number; issued: number }>`
    select count(*)::int as total, count(participant_id)::int as issued from fission_reward_codes
     where corp_id = ${corpId} and campaign_id = ${campaignId}::uuid`.execute(tx);
  return r.rows[0] ?? { total: 0, issued: 0 };
}

export async function funnel(tx: Tx, corpId: string, campaignId: string) {
  const { rows } = await sql<{
    posters: number;
    scans: number;
    adds: number;
    withdrawn: number;
    completions: number;
    rewards: number;
  }>`
    select (select count(*)::int from fission_participants where corp_id = ${corpId} and campaign_id = ${campaignId}::uuid) as posters,
           (select count(*)::int from fission_adds where corp_id = ${corpId} and campaign_id = ${campaignId}::uuid) as scans,
           (select count(*)::int from fission_adds where corp_id = ${corpId} and campaign_id = ${campaignId}::uuid
              and outcome = 'counted' and withdrawn_at is null) as adds,
           (select count(*)::int from fission_adds where corp_id = ${corpId} and campaign_id = ${campaignId}::uuid
              and withdrawn_at is not null) as withdrawn,
           (select count(*)::int from fission_participants where corp_id = ${corpId} and campaign_id = ${campaignId}::uuid
              and completed_at is not null) as completions,
           (select count(*)::int from fission_rewards where corp_id = ${corpId} and campaign_id = ${campaignId}::uuid) as rewards`.execute(
    tx,
  );
  return rows[0];
}

export async function outcomes(tx: Tx, corpId: string, campaignId: string): Promise<Record<string, number>> {
  const rows = await tx
    .selectFrom('fission_adds')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('corp_id', '=', corpId)
    .where('campaign_id', '=', campaignId)
    .groupBy('outcome')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
}

export function leaderboard(tx: Tx, corpId: string, campaignId: string, limit: number) {
  return tx
    .selectFrom('fission_participants as p')
    .leftJoin('fission_rewards as r', (j) =>
      j.onRef('r.corp_id', '=', 'p.corp_id').onRef('r.participant_id', '=', 'p.id'),
    )
    .select([
      'p.id',
      'p.external_userid as externalUserid',
      'p.name',
      'p.credits',
      'p.completed_at as completedAt',
      'r.issued_at as rewardedAt',
    ])
    .where('p.corp_id', '=', corpId)
    .where('p.campaign_id', '=', campaignId)
    .where('p.credits', '>', 0)
    .orderBy('p.credits', 'desc')
    .orderBy('p.completed_at')
    .limit(limit)
    .execute();
}

export async function countActiveReferrers(tx: Tx, corpId: string, campaignId: string): Promise<number> {
  const r = await tx
    .selectFrom('fission_participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('corp_id', '=', corpId)
    .where('campaign_id', '=', campaignId)
    .where('credits', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function listParticipants(tx: Tx, corpId: string, campaignId: string, page: number, pageSize: number) {
  return tx
    .selectFrom('fission_participants')
    .select([
      'id',
      'external_userid as externalUserid',
      'name',
      'credits',
      'completed_at as completedAt',
      'config_id as configId',
      'token',
      'created_at as createdAt',
    ])
    .where('corp_id', '=', corpId)
    .where('campaign_id', '=', campaignId)
    .orderBy('created_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

export function findParticipant(tx: Tx, corpId: string, campaignId: string, ext: string) {
  return tx
    .selectFrom('fission_participants')
    .selectAll()
    .where('corp_id', '=', corpId)
    .where('campaign_id', '=', campaignId)
    .where('external_userid', '=', ext)
    .executeTakeFirst();
}

export function findParticipantByToken(tx: Tx, corpId: string, token: string) {
  return tx
    .selectFrom('fission_participants as p')
    .innerJoin('fission_campaigns as c', (j) =>
      j.onRef('c.corp_id', '=', 'p.corp_id').onRef('c.id', '=', 'p.campaign_id'),
    )
    .leftJoin('fission_rewards as r', (j) =>
      j.onRef('r.corp_id', '=', 'p.corp_id').onRef('r.participant_id', '=', 'p.id'),
    )
    .leftJoin('customers as cu', (j) => j.onRef('cu.corp_id', '=', 'p.corp_id').onRef('cu.external_userid', '=', 'p.external_userid'))
    .select([
      'p.id',
      'p.name',
      'cu.avatar as avatar',
      'p.credits',
      'p.completed_at as completedAt',
      'p.qr_code as qrCode',
      'c.name as campaignName',
      'c.goal',
      'c.poster',
      'c.starts_at as startsAt',
      'c.ends_at as endsAt',
      'c.reward_type as rewardType',
      'r.code as rewardCode',
      'r.link as rewardLink',
      'r.issued_at as rewardedAt',
    ])
    .where('p.corp_id', '=', corpId)
    .where('p.token', '=', token)
    .executeTakeFirst();
}

export async function insertParticipant(
  tx: Tx,
  corpId: string,
  p: { campaignId: string; ext: string; name: string; state: string; token: string },
) {
  return tx
    .insertInto('fission_participants')
    .values({
      corp_id: corpId,
      campaign_id: p.campaignId,
      external_userid: p.ext,
      name: p.name,
      state: p.state,
      token: p.token,
    })
    .onConflict((oc) => oc.columns(['corp_id', 'campaign_id', 'external_userid']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function setParticipantCode(tx: Tx, corpId: string, id: string, configId: string, qrCode: string | null) {
  await tx
    .updateTable('fission_participants')
    .set({ config_id: configId, qr_code: qrCode })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .execute();
}

/** The participants (A) behind contact-way states, locked in id order: every credit for A is serialised on its row. */
export function lockParticipantsByStates(tx: Tx, corpId: string, states: string[]) {
  if (states.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('fission_participants as p')
    .innerJoin('fission_campaigns as c', (j) => j.onRef('c.corp_id', '=', 'p.corp_id').onRef('c.id', '=', 'p.campaign_id'))
    .select([
      'p.id',
      'p.state',
      'p.campaign_id as campaignId',
      'p.external_userid as ext',
      'p.credits',
      'p.completed_at as completedAt',
      'c.goal',
      'c.starts_at as startsAt',
      'c.ends_at as endsAt',
      'c.reward_type as rewardType',
      'c.reward_link as rewardLink',
    ])
    .where('p.corp_id', '=', corpId)
    .where('p.state', 'in', states)
    .orderBy('p.id')
    .forUpdate('p')
    .execute();
}

/**
 * New to the corp: this add brought the customer into Siyu (a known customer re-adding anyone is not new), and no
 * follow with another staff member began before this one (deleted ones count too) — that catches callbacks applied
 * out of order, since they are applied from WeCom's current state, where later follows may already be present.
 */
/** Of the (invitee, staff) pairs, those new to the corp as just described; keys `${ext}\u0000${staffUserid}`. */
export async function newCustomers(tx: Tx, corpId: string, pairs: ReadonlyArray<{ ext: string; staffUserid: string }>): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const { rows } = await sql<{ ext: string; staff: string }>`
    select q.ext, q.staff
      from unnest(${pairs.map((p) => p.ext)}::text[], ${pairs.map((p) => p.staffUserid)}::text[]) as q(ext, staff)
      join customers c on c.corp_id = ${corpId} and c.external_userid = q.ext
      join follows f on f.corp_id = c.corp_id and f.customer_id = c.id and f.staff_userid = q.staff
     where not exists (select 1 from follows o where o.corp_id = c.corp_id and o.customer_id = c.id
                          and o.staff_userid <> q.staff and o.followed_at < f.followed_at)`.execute(tx);
  return new Set(rows.map((r) => `${r.ext}\u0000${r.staff}`));
}

/** Of the (campaign, invitee) pairs, those already counted once; keys `${campaignId}\u0000${ext}`. */
export async function countedInvitees(tx: Tx, corpId: string, pairs: ReadonlyArray<{ campaignId: string; ext: string }>): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const { rows } = await sql<{ campaign_id: string; ext: string }>`
    select distinct a.campaign_id, a.invitee_external_userid as ext
      from unnest(${pairs.map((p) => p.campaignId)}::uuid[], ${pairs.map((p) => p.ext)}::text[]) as q(campaign_id, ext)
      join fission_adds a on a.corp_id = ${corpId} and a.campaign_id = q.campaign_id and a.invitee_external_userid = q.ext
       and a.outcome = 'counted'`.execute(tx);
  return new Set(rows.map((r) => `${r.campaign_id}\u0000${r.ext}`));
}

export type NewFissionAdd = { campaignId: string; participantId: string; ext: string; staffUserid: string; outcome: FissionAddOutcome };

/**
 * Inserts the adds in one statement. 'counted' adds that lose the race on the once-per-invitee index are not
 * written; their (campaign, invitee) keys come back, for the caller to store them as duplicates.
 */
export async function insertAdds(tx: Tx, corpId: string, adds: readonly NewFissionAdd[]): Promise<Set<string>> {
  if (adds.length === 0) return new Set();
  const { rows } = await sql<{ campaign_id: string; ext: string; outcome: string }>`
    insert into fission_adds (corp_id, campaign_id, participant_id, invitee_external_userid, staff_userid, outcome)
    select ${corpId}, q.campaign_id, q.participant_id, q.ext, q.staff, q.outcome
      from unnest(${adds.map((a) => a.campaignId)}::uuid[], ${adds.map((a) => a.participantId)}::uuid[], ${adds.map((a) => a.ext)}::text[],
                  ${adds.map((a) => a.staffUserid)}::text[], ${adds.map((a) => a.outcome)}::text[]) with ordinality as q(campaign_id, participant_id, ext, staff, outcome, n)
     order by q.n
    on conflict (corp_id, campaign_id, invitee_external_userid) where outcome = 'counted' do nothing
    returning campaign_id, invitee_external_userid as ext, outcome`.execute(tx);
  const written = new Set(rows.filter((r) => r.outcome === 'counted').map((r) => `${r.campaign_id}\u0000${r.ext}`));
  return new Set(adds.filter((a) => a.outcome === 'counted').map((a) => `${a.campaignId}\u0000${a.ext}`).filter((k) => !written.has(k)));
}

/** Adds each delta to its participant's credits in one statement; the new totals by participant id. */
export async function bumpCreditsMany(tx: Tx, corpId: string, deltas: ReadonlyMap<string, number>): Promise<Map<string, number>> {
  if (deltas.size === 0) return new Map();
  const { rows } = await sql<{ id: string; credits: number }>`
    update fission_participants p set credits = p.credits + q.delta
      from unnest(${[...deltas.keys()]}::uuid[], ${[...deltas.values()]}::int[]) as q(id, delta)
     where p.corp_id = ${corpId} and p.id = q.id
    returning p.id, p.credits`.execute(tx);
  return new Map(rows.map((r) => [r.id, Number(r.credits)]));
}

export async function markCompleted(tx: Tx, corpId: string, participantId: string) {
  await tx
    .updateTable('fission_participants')
    .set({ completed_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', participantId)
    .where('completed_at', 'is', null)
    .execute();
}

/** Exactly one reward per (campaign, participant): the primary key decides, a code is taken only by the winner. */
export async function issueReward(
  tx: Tx,
  corpId: string,
  r: { campaignId: string; participantId: string; link: string | null; useCode: boolean },
): Promise<boolean> {
  const ins = await tx
    .insertInto('fission_rewards')
    .values({ corp_id: corpId, campaign_id: r.campaignId, participant_id: r.participantId, link: r.link, code: null })
    .onConflict((oc) => oc.columns(['corp_id', 'campaign_id', 'participant_id']).doNothing())
    .returning('participant_id')
    .executeTakeFirst();
  if (!ins) return false;
  if (r.useCode) {
    const { rows } = await sql<{ code: string }>`
      update fission_reward_codes set participant_id = ${r.participantId}::uuid, issued_at = now()
       where corp_id = ${corpId} and campaign_id = ${r.campaignId}::uuid and code = (
         select code from fission_reward_codes where corp_id = ${corpId} and campaign_id = ${r.campaignId}::uuid
            and participant_id is null order by code limit 1 for update skip locked)
      returning code`.execute(tx);
    if (rows[0]) {
      await tx
        .updateTable('fission_rewards')
        .set({ code: rows[0].code })
        .where('corp_id', '=', corpId)
        .where('campaign_id', '=', r.campaignId)
        .where('participant_id', '=', r.participantId)
        .execute();
    }
  }
  return true;
}

/** Counted, not yet withdrawn adds of these (invitee, staff) pairs, still inside their campaign's window. */
export async function withdrawableAdds(tx: Tx, corpId: string, pairs: ReadonlyArray<{ inviteeExt: string; staffUserid: string }>) {
  if (pairs.length === 0) return [];
  const { rows } = await sql<{ id: number; participant_id: string }>`
    select a.id, a.participant_id
      from unnest(${pairs.map((p) => p.inviteeExt)}::text[], ${pairs.map((p) => p.staffUserid)}::text[]) as q(ext, staff)
      join fission_adds a on a.corp_id = ${corpId} and a.invitee_external_userid = q.ext and a.staff_userid = q.staff
      join fission_campaigns c on c.corp_id = a.corp_id and c.id = a.campaign_id
     where a.outcome = 'counted' and a.withdrawn_at is null
       and a.created_at > now() - make_interval(hours => c.withdraw_hours)
     order by a.participant_id, a.id`.execute(tx);
  return rows;
}

export async function lockParticipant(tx: Tx, corpId: string, id: string) {
  await tx
    .selectFrom('fission_participants')
    .select('id')
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function markWithdrawn(tx: Tx, corpId: string, addId: number): Promise<boolean> {
  const r = await tx
    .updateTable('fission_adds')
    .set({ withdrawn_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', addId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Tags of the campaigns that just counted each of these invitees with this staff member (for mark_tag after commit),
 * one row per (invitee, staff member) that has any.
 */
export async function recentCountedTags(
  tx: Tx,
  corpId: string,
  adds: ReadonlyArray<{ ext: string; staffUserid: string }>,
): Promise<Array<{ ext: string; staffUserid: string; tagIds: string[] }>> {
  if (adds.length === 0) return [];
  const { rows } = await sql<{ ext: string; staff_userid: string; tag_ids: string[] }>`
    select a.invitee_external_userid as ext, a.staff_userid, array_agg(distinct t.tag_id order by t.tag_id) as tag_ids
      from unnest(${adds.map((a) => a.ext)}::text[], ${adds.map((a) => a.staffUserid)}::text[]) as q(ext, staff_userid)
      join fission_adds a on a.corp_id = ${corpId} and a.invitee_external_userid = q.ext and a.staff_userid = q.staff_userid
      join fission_campaigns c on c.corp_id = a.corp_id and c.id = a.campaign_id
      cross join lateral unnest(c.tag_ids) as t(tag_id)
     where a.outcome = 'counted' and a.created_at > now() - interval '10 minutes'
     group by a.invitee_external_userid, a.staff_userid`.execute(tx);
  return rows.map((r) => ({ ext: r.ext, staffUserid: r.staff_userid, tagIds: r.tag_ids }));
}

export function customerByExt(tx: Tx, corpId: string, ext: string) {
  return tx
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('corp_id', '=', corpId)
    .where('external_userid', '=', ext)
    .executeTakeFirst();
}

export function liveFollowOf(tx: Tx, corpId: string, customerId: string) {
  return tx
    .selectFrom('follows')
    .select('staff_userid')
    .where('corp_id', '=', corpId)
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null)
    .orderBy('followed_at')
    .executeTakeFirst();
}

/** Whether `staffUserid` follows the customer `ext` now (a staff member's visible scope). */
export async function followedBy(tx: Tx, corpId: string, ext: string, staffUserid: string): Promise<boolean> {
  const row = await tx
    .selectFrom('follows as f')
    .innerJoin('customers as c', (j) => j.onRef('c.corp_id', '=', 'f.corp_id').onRef('c.id', '=', 'f.customer_id'))
    .select('f.staff_userid')
    .where('f.corp_id', '=', corpId)
    .where('c.external_userid', '=', ext)
    .where('f.staff_userid', '=', staffUserid)
    .where('f.deleted_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

export async function knownTagIds(tx: Tx, corpId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx.selectFrom('tags').select('tag_id').where('corp_id', '=', corpId).where('tag_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.tag_id));
}
