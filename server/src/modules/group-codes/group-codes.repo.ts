import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { CHANNEL_TIMEZONE as TZ } from '../channels';

export type GroupCode = {
  id: string;
  name: string;
  state: string;
  configId: string | null;
  qrCode: string | null;
  chatIds: string[];
  autoCreateRoom: boolean;
  roomBaseName: string | null;
  roomBaseId: number;
  createdAt: Date;
};

export type GroupCodeFields = { name: string; chatIds: string[]; autoCreateRoom: boolean; roomBaseName: string | null; roomBaseId: number };

const columns = ['id', 'name', 'state', 'config_id', 'qr_code', 'chat_ids', 'auto_create_room', 'room_base_name', 'room_base_id', 'created_at'] as const;

type Row = {
  id: string;
  name: string;
  state: string;
  config_id: string | null;
  qr_code: string | null;
  chat_ids: string[];
  auto_create_room: boolean;
  room_base_name: string | null;
  room_base_id: number;
  created_at: Date;
};

const toCode = (r: Row): GroupCode => ({
  id: r.id,
  name: r.name,
  state: r.state,
  configId: r.config_id,
  qrCode: r.qr_code,
  chatIds: r.chat_ids,
  autoCreateRoom: r.auto_create_room,
  roomBaseName: r.room_base_name,
  roomBaseId: r.room_base_id,
  createdAt: r.created_at,
});

const toRow = (f: GroupCodeFields) => ({
  name: f.name,
  chat_ids: f.chatIds,
  auto_create_room: f.autoCreateRoom,
  room_base_name: f.roomBaseName,
  room_base_id: f.roomBaseId,
});

export async function insertGroupCode(tx: Tx, corpId: string, state: string, f: GroupCodeFields, wecom: { configId: string | null; qrCode: string | null }) {
  const r = await tx
    .insertInto('group_codes')
    .values({ corp_id: corpId, state, ...toRow(f), config_id: wecom.configId, qr_code: wecom.qrCode })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toCode(r as Row);
}

export async function updateGroupCode(tx: Tx, corpId: string, id: string, f: GroupCodeFields): Promise<GroupCode | null> {
  const r = await tx
    .updateTable('group_codes')
    .set({ ...toRow(f), updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return r ? toCode(r as Row) : null;
}

export async function setJoinWay(tx: Tx, corpId: string, id: string, wecom: { configId: string; qrCode: string | null }): Promise<GroupCode | null> {
  const r = await tx
    .updateTable('group_codes')
    .set({ config_id: wecom.configId, qr_code: wecom.qrCode, updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return r ? toCode(r as Row) : null;
}

/** The chat ids among `chatIds` that are live groups of this corp. */
export async function knownChatIds(tx: Tx, corpId: string, chatIds: string[]): Promise<Set<string>> {
  if (!chatIds.length) return new Set();
  const rows = await tx.selectFrom('groups').select('chat_id').where('corp_id', '=', corpId).where('chat_id', 'in', chatIds).where('dismissed_at', 'is', null).execute();
  return new Set(rows.map((r) => r.chat_id));
}

export async function setChatIds(tx: Tx, corpId: string, id: string, chatIds: string[]): Promise<void> {
  await tx.updateTable('group_codes').set({ chat_ids: chatIds }).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function findGroupCode(tx: Tx, corpId: string, id: string): Promise<GroupCode | null> {
  const r = await tx.selectFrom('group_codes').select(columns).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return r ? toCode(r as Row) : null;
}

export async function findByChat(tx: Tx, corpId: string, chatId: string): Promise<GroupCode | null> {
  const r = await tx
    .selectFrom('group_codes')
    .select(columns)
    .where('corp_id', '=', corpId)
    .where(sql<boolean>`${chatId} = ANY(chat_ids)`)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return r ? toCode(r as Row) : null;
}

export async function listGroupCodes(tx: Tx, corpId: string): Promise<GroupCode[]> {
  const rows = await tx.selectFrom('group_codes').select(columns).where('corp_id', '=', corpId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => toCode(r as Row));
}

export async function deleteGroupCode(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('group_codes').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function insertJoins(tx: Tx, corpId: string, codeId: string, chatId: string, members: string[], joinedAt: Date): Promise<number> {
  if (!members.length) return 0;
  const r = await tx
    .insertInto('group_code_joins')
    .values(members.map((m) => ({ corp_id: corpId, group_code_id: codeId, chat_id: chatId, member_userid: m, joined_at: joinedAt })))
    .onConflict((oc) => oc.columns(['corp_id', 'chat_id', 'member_userid', 'joined_at']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function joinCounts(tx: Tx, corpId: string, today: string): Promise<Map<string, { total: number; today: number }>> {
  const { rows } = await sql<{ id: string; total: number; today: number }>`
    SELECT group_code_id AS id, count(*)::int AS total,
           count(*) FILTER (WHERE (joined_at AT TIME ZONE ${TZ})::date = ${today}::date)::int AS today
      FROM group_code_joins WHERE corp_id = ${corpId} GROUP BY group_code_id`.execute(tx);
  return new Map(rows.map((r) => [r.id, { total: Number(r.total), today: Number(r.today) }]));
}

export async function joinsByDay(tx: Tx, corpId: string, codeId: string, range: { from: string; to: string }) {
  const { rows } = await sql<{ day: string; joins: number }>`
    SELECT to_char(d::date, 'YYYY-MM-DD') AS day,
           (SELECT count(*) FROM group_code_joins j WHERE j.corp_id = ${corpId} AND j.group_code_id = ${codeId}
               AND (j.joined_at AT TIME ZONE ${TZ})::date = d::date)::int AS joins
      FROM generate_series(${range.from}::date, ${range.to}::date, interval '1 day') AS d ORDER BY d`.execute(tx);
  return rows.map((r) => ({ day: r.day, joins: Number(r.joins) }));
}

export async function groupsOf(tx: Tx, corpId: string, chatIds: string[]) {
  if (!chatIds.length) return [];
  return tx
    .selectFrom('groups')
    .select(['chat_id as chatId', 'name', 'member_count as memberCount', 'dismissed_at as dismissedAt'])
    .where('corp_id', '=', corpId)
    .where('chat_id', 'in', chatIds)
    .execute();
}

export async function groupOptions(tx: Tx, corpId: string) {
  return tx
    .selectFrom('groups')
    .select(['chat_id as chatId', 'name', 'owner_userid as owner', 'member_count as memberCount'])
    .where('corp_id', '=', corpId)
    .where('dismissed_at', 'is', null)
    .orderBy('name')
    .limit(1000)
    .execute();
}
