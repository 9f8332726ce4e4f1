import { sql } from 'kysely';
import type { ScheduleRule, TimeWindow, WelcomeMessage, WelcomeStatus } from '../../db/schema';
import type { Tx } from '../../db/tenancy';
import { CHANNEL_TIMEZONE } from './channel-schedule';
import { containsPattern } from '../../db/like';

export type ChannelCodeFields = {
  name: string;
  groupId: string | null;
  staffUserids: string[];
  backupUserids: string[];
  schedule: ScheduleRule[];
  dailyCap: number | null;
  skipVerify: boolean;
  autoAccept: TimeWindow | null;
  tagIds: string[];
  welcome: WelcomeMessage;
  cost: number;
};

export type ChannelCode = ChannelCodeFields & {
  id: string;
  state: string;
  configId: string | null;
  qrCode: string | null;
  appliedUserids: string[];
  appliedSkipVerify: boolean | null;
  createdAt: Date;
  updatedAt: Date;
};

const columns = [
  'id',
  'name',
  'group_id',
  'state',
  'config_id',
  'qr_code',
  'staff_userids',
  'backup_userids',
  'schedule',
  'daily_cap',
  'skip_verify',
  'auto_accept',
  'tag_ids',
  'welcome',
  'cost',
  'applied_userids',
  'applied_skip_verify',
  'created_at',
  'updated_at',
] as const;

type Row = {
  id: string;
  name: string;
  group_id: string | null;
  state: string;
  config_id: string | null;
  qr_code: string | null;
  staff_userids: string[];
  backup_userids: string[];
  schedule: ScheduleRule[];
  daily_cap: number | null;
  skip_verify: boolean;
  auto_accept: TimeWindow | null;
  tag_ids: string[];
  welcome: WelcomeMessage;
  cost: string;
  applied_userids: string[];
  applied_skip_verify: boolean | null;
  created_at: Date;
  updated_at: Date;
};

function toCode(r: Row): ChannelCode {
  return {
    id: r.id,
    name: r.name,
    groupId: r.group_id,
    state: r.state,
    configId: r.config_id,
    qrCode: r.qr_code,
    staffUserids: r.staff_userids,
    backupUserids: r.backup_userids,
    schedule: r.schedule,
    dailyCap: r.daily_cap,
    skipVerify: r.skip_verify,
    autoAccept: r.auto_accept,
    tagIds: r.tag_ids,
    welcome: r.welcome,
    cost: Number(r.cost),
    appliedUserids: r.applied_userids,
    appliedSkipVerify: r.applied_skip_verify,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(f: ChannelCodeFields) {
  return {
    name: f.name,
    group_id: f.groupId,
    staff_userids: f.staffUserids,
    backup_userids: f.backupUserids,
    schedule: JSON.stringify(f.schedule),
    daily_cap: f.dailyCap,
    skip_verify: f.skipVerify,
    auto_accept: f.autoAccept ? JSON.stringify(f.autoAccept) : null,
    tag_ids: f.tagIds,
    welcome: JSON.stringify(f.welcome),
    cost: f.cost,
  };
}

export async function insertCode(tx: Tx, corpId: string, state: string, f: ChannelCodeFields): Promise<ChannelCode> {
  const r = await tx
    .insertInto('channel_codes')
    .values({ corp_id: corpId, state, ...toRow(f) })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toCode(r as Row);
}

export async function updateCode(tx: Tx, corpId: string, id: string, f: ChannelCodeFields): Promise<ChannelCode | null> {
  const r = await tx
    .updateTable('channel_codes')
    .set({ ...toRow(f), updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return r ? toCode(r as Row) : null;
}

export async function setWecomConfig(tx: Tx, corpId: string, id: string, v: { configId: string; qrCode: string | null }): Promise<void> {
  await tx.updateTable('channel_codes').set({ config_id: v.configId, qr_code: v.qrCode }).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function setApplied(tx: Tx, corpId: string, id: string, userids: string[], skipVerify: boolean): Promise<void> {
  await tx
    .updateTable('channel_codes')
    .set({ applied_userids: userids, applied_skip_verify: skipVerify, applied_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .execute();
}

export async function findCode(tx: Tx, corpId: string, id: string): Promise<ChannelCode | null> {
  const r = await tx.selectFrom('channel_codes').select(columns).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return r ? toCode(r as Row) : null;
}

export async function findCodeByState(tx: Tx, corpId: string, state: string): Promise<ChannelCode | null> {
  const r = await tx.selectFrom('channel_codes').select(columns).where('corp_id', '=', corpId).where('state', '=', state).executeTakeFirst();
  return r ? toCode(r as Row) : null;
}

/** The codes behind these states, by state (one query for a batch of callbacks). */
export async function findCodesByStates(tx: Tx, corpId: string, states: string[]): Promise<Map<string, ChannelCode>> {
  if (states.length === 0) return new Map();
  const rows = await tx.selectFrom('channel_codes').select(columns).where('corp_id', '=', corpId).where('state', 'in', states).execute();
  return new Map(rows.map((r) => [r.state, toCode(r as Row)]));
}

export async function listCodes(tx: Tx, corpId: string, q: { groupId?: string; q?: string } = {}): Promise<ChannelCode[]> {
  let query = tx.selectFrom('channel_codes').select(columns).where('corp_id', '=', corpId);
  if (q.groupId) query = query.where('group_id', '=', q.groupId);
  if (q.q) query = query.where('name', 'ilike', containsPattern(q.q));
  const rows = await query.orderBy('created_at', 'desc').execute();
  return rows.map((r) => toCode(r as Row));
}

/** Codes whose staff list depends on the clock or on today's adds. */
export async function listRotatingCodes(tx: Tx, corpId: string): Promise<ChannelCode[]> {
  const rows = await tx
    .selectFrom('channel_codes')
    .select(columns)
    .where('corp_id', '=', corpId)
    .where('config_id', 'is not', null)
    .where((eb) => eb.or([eb('daily_cap', 'is not', null), eb('auto_accept', 'is not', null), sql<boolean>`jsonb_array_length(schedule) > 0`]))
    .execute();
  return rows.map((r) => toCode(r as Row));
}

export async function deleteCode(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('channel_codes').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Adds per staff member since local midnight (the daily cap's count). */
export async function addsTodayByStaff(tx: Tx, corpId: string, channelId: string, now: Date): Promise<Map<string, number>> {
  const { rows } = await sql<{ staff_userid: string; n: number }>`
    SELECT staff_userid, count(*)::int AS n FROM channel_adds
     WHERE corp_id = ${corpId} AND channel_id = ${channelId}
       AND added_at >= (date_trunc('day', ${now}::timestamptz AT TIME ZONE ${CHANNEL_TIMEZONE}) AT TIME ZONE ${CHANNEL_TIMEZONE})
     GROUP BY staff_userid`.execute(tx);
  return new Map(rows.map((r) => [r.staff_userid, Number(r.n)]));
}

export type NewAdd = { channelId: string; customerId: string; staffUserid: string; addedAt: Date; welcome: boolean; tags: boolean };

/** The identity of one add: who added whom through which code, when. */
export const addKey = (a: { channelId: string; customerId: string; staffUserid: string; addedAt: Date }) =>
  `${a.channelId}\u0000${a.customerId}\u0000${a.staffUserid}\u0000${a.addedAt.getTime()}`;

/** Inserts the adds in one statement; the keys (addKey) of those not recorded before (a repeated callback is not). */
export async function insertAdds(tx: Tx, corpId: string, adds: readonly NewAdd[]): Promise<Set<string>> {
  if (adds.length === 0) return new Set();
  const { rows } = await sql<{ channel_id: string; customer_id: string; staff_userid: string; added_at: Date }>`
    INSERT INTO channel_adds (corp_id, channel_id, customer_id, staff_userid, added_at, welcome_status, tag_status)
    SELECT ${corpId}, q.channel_id, q.customer_id, q.staff_userid, q.added_at,
           CASE WHEN q.welcome THEN 'pending' ELSE 'none' END, CASE WHEN q.tags THEN 'pending' ELSE 'none' END
      FROM unnest(${adds.map((a) => a.channelId)}::uuid[], ${adds.map((a) => a.customerId)}::uuid[], ${adds.map((a) => a.staffUserid)}::text[],
                  ${adds.map((a) => a.addedAt.toISOString())}::timestamptz[], ${adds.map((a) => a.welcome)}::boolean[], ${adds.map((a) => a.tags)}::boolean[])
        AS q(channel_id, customer_id, staff_userid, added_at, welcome, tags)
    ON CONFLICT (corp_id, channel_id, customer_id, staff_userid, added_at) DO NOTHING
    RETURNING channel_id, customer_id, staff_userid, added_at`.execute(tx);
  return new Set(rows.map((r) => addKey({ channelId: r.channel_id, customerId: r.customer_id, staffUserid: r.staff_userid, addedAt: new Date(r.added_at) })));
}

/** Adds tags to follows locally (WeCom is told after commit), one statement for a batch. */
export async function addFollowTags(tx: Tx, corpId: string, rows: ReadonlyArray<{ customerId: string; staffUserid: string; tagIds: string[] }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE follows f SET tag_ids = ARRAY(SELECT DISTINCT unnest(f.tag_ids || q.tag_ids)), updated_at = now()
      FROM (SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("customerId" uuid, "staffUserid" text, "tagIds" text[])) AS q(customer_id, staff_userid, tag_ids)
     WHERE f.corp_id = ${corpId} AND f.customer_id = q.customer_id AND f.staff_userid = q.staff_userid`.execute(tx);
}

export type AddRef = { externalUserid: string; staffUserid: string; addedAt: Date };
export type ClaimedAdd = AddRef & { id: number; code: ChannelCode; customerName: string; welcome: boolean; tag: boolean };

/**
 * Takes the pending steps (welcome message, WeCom tags) of a batch of adds in one statement, with their codes: only
 * one caller ever gets a step (`welcome` / `tag` say which this caller got). Adds Siyu does not have are left out.
 */
export async function claimSteps(tx: Tx, corpId: string, refs: readonly AddRef[]): Promise<ClaimedAdd[]> {
  if (refs.length === 0) return [];
  const { rows } = await sql<{ id: string; ext: string; staff_userid: string; added_at: Date; name: string; welcome: boolean; tag: boolean; channel_id: string }>`
    WITH q AS (SELECT * FROM unnest(${refs.map((r) => r.externalUserid)}::text[], ${refs.map((r) => r.staffUserid)}::text[],
                                    ${refs.map((r) => r.addedAt.toISOString())}::timestamptz[]) AS q(ext, staff_userid, added_at)),
    mine AS (
      SELECT a.id, q.ext, c.name, a.welcome_status = 'pending' AS welcome, a.tag_status = 'pending' AS tag
        FROM q JOIN customers c ON c.corp_id = ${corpId} AND c.external_userid = q.ext
        JOIN channel_adds a ON a.corp_id = c.corp_id AND a.customer_id = c.id AND a.staff_userid = q.staff_userid AND a.added_at = q.added_at
       ORDER BY a.id
         FOR UPDATE OF a)
    UPDATE channel_adds a
       SET welcome_status = CASE WHEN m.welcome THEN 'sending' ELSE a.welcome_status END,
           tag_status = CASE WHEN m.tag THEN 'done' ELSE a.tag_status END
      FROM mine m WHERE a.corp_id = ${corpId} AND a.id = m.id
    RETURNING a.id, m.ext, a.staff_userid, a.added_at, m.name, m.welcome, m.tag, a.channel_id`.execute(tx);
  const codes = new Map<string, ChannelCode | null>();
  for (const id of new Set(rows.map((r) => r.channel_id))) codes.set(id, await findCode(tx, corpId, id));
  return rows.flatMap((r) => {
    const code = codes.get(r.channel_id);
    if (!code) return [];
    const ref = { externalUserid: r.ext, staffUserid: r.staff_userid, addedAt: new Date(r.added_at) };
    return [{ ...ref, id: Number(r.id), code, customerName: r.name, welcome: r.welcome, tag: r.tag }];
  });
}

export type StepOutcome = { id: number; welcome: { status: WelcomeStatus; error: string | null } | null; tagFailed: boolean };

/** Records what WeCom answered for a batch of claimed steps, in one statement. */
export async function setOutcomes(tx: Tx, corpId: string, outcomes: readonly StepOutcome[]): Promise<void> {
  const rows = outcomes.filter((o) => o.welcome || o.tagFailed);
  if (rows.length === 0) return;
  await sql`
    UPDATE channel_adds a
       SET welcome_status = coalesce(q.welcome_status, a.welcome_status),
           welcome_error = CASE WHEN q.welcome_status IS NULL THEN a.welcome_error ELSE q.welcome_error END,
           tag_status = CASE WHEN q.tag_failed THEN 'failed' ELSE a.tag_status END
      FROM unnest(${rows.map((o) => o.id)}::bigint[], ${rows.map((o) => o.welcome?.status ?? null)}::text[],
                  ${rows.map((o) => o.welcome?.error ?? null)}::text[], ${rows.map((o) => o.tagFailed)}::boolean[])
        AS q(id, welcome_status, welcome_error, tag_failed)
     WHERE a.corp_id = ${corpId} AND a.id = q.id`.execute(tx);
}

export async function setWelcomeOutcome(tx: Tx, corpId: string, id: number, status: WelcomeStatus, error: string | null): Promise<void> {
  await tx.updateTable('channel_adds').set({ welcome_status: status, welcome_error: error }).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function setTagOutcome(tx: Tx, corpId: string, id: number, status: 'done' | 'failed'): Promise<void> {
  await tx.updateTable('channel_adds').set({ tag_status: status }).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

// ---- code groups ----
export type CodeGroup = { id: string; name: string; codes: number };

export async function listGroups(tx: Tx, corpId: string): Promise<CodeGroup[]> {
  const { rows } = await sql<{ id: string; name: string; codes: number }>`
    SELECT g.id, g.name, (SELECT count(*)::int FROM channel_codes c WHERE c.corp_id = g.corp_id AND c.group_id = g.id) AS codes
      FROM channel_code_groups g WHERE g.corp_id = ${corpId} ORDER BY g.name`.execute(tx);
  return rows.map((r) => ({ ...r, codes: Number(r.codes) }));
}

export async function insertGroup(tx: Tx, corpId: string, name: string): Promise<CodeGroup | null> {
  const r = await tx
    .insertInto('channel_code_groups')
    .values({ corp_id: corpId, name })
    .onConflict((oc) => oc.columns(['corp_id', 'name']).doNothing())
    .returning(['id', 'name'])
    .executeTakeFirst();
  return r ? { ...r, codes: 0 } : null;
}

export async function renameGroup(tx: Tx, corpId: string, id: string, name: string): Promise<boolean> {
  const r = await tx.updateTable('channel_code_groups').set({ name }).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteGroup(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('channel_code_groups').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function groupExists(tx: Tx, corpId: string, id: string): Promise<boolean> {
  return !!(await tx.selectFrom('channel_code_groups').select('id').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst());
}

export async function listTagOptions(tx: Tx, corpId: string) {
  return tx
    .selectFrom('tags as t')
    .innerJoin('tag_groups as g', (j) => j.onRef('g.corp_id', '=', 't.corp_id').onRef('g.group_id', '=', 't.group_id'))
    .select(['t.tag_id as tagId', 't.name', 'g.group_id as groupId', 'g.name as groupName'])
    .where('t.corp_id', '=', corpId)
    .orderBy('g.sort_order')
    .orderBy('t.sort_order')
    .execute();
}

export async function knownTagIds(tx: Tx, corpId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx.selectFrom('tags').select('tag_id').where('corp_id', '=', corpId).where('tag_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.tag_id));
}
