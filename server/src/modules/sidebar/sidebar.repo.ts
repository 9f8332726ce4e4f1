// Reads the sidebar needs that no other module's port offers yet: a customer by WeCom external_userid, the channel
// a follow came through (by its state), the last orders, the staff member's open alerts for a customer, and a group
// with its members who are customers. Read-only; the owning modules still write these tables.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export async function customerIdByExternal(tx: Tx, corpId: string, externalUserid: string): Promise<string | null> {
  const r = await tx.selectFrom('customers').select('id').where('corp_id', '=', corpId).where('external_userid', '=', externalUserid).executeTakeFirst();
  return r?.id ?? null;
}

export async function channelNameOf(tx: Tx, corpId: string, state: string | null): Promise<string | null> {
  if (!state) return null;
  const r = await tx.selectFrom('channel_codes').select('name').where('corp_id', '=', corpId).where('state', '=', state).executeTakeFirst();
  return r?.name ?? null;
}

export async function lastOrders(tx: Tx, corpId: string, customerId: string) {
  const rows = await tx
    .selectFrom('orders')
    .select(['id', 'amount', 'paid_at as placedAt', 'items', 'order_no as orderNo'])
    .where('corp_id', '=', corpId)
    .where('customer_id', '=', customerId)
    .orderBy('paid_at', 'desc')
    .limit(3)
    .execute();
  return rows.map((r) => {
    const items = Array.isArray(r.items) ? (r.items as Array<{ name?: unknown }>) : [];
    const names = items.map((i) => (typeof i?.name === 'string' ? i.name : '')).filter(Boolean);
    return { id: r.id, amount: Number(r.amount), placedAt: r.placedAt, title: names.length ? names.join('、') : r.orderNo };
  });
}

export function openTasks(tx: Tx, corpId: string, customerId: string, staffUserid: string) {
  return tx
    .selectFrom('alerts')
    .select(['id', 'kind', 'created_at as createdAt'])
    .where('corp_id', '=', corpId)
    .where('customer_id', '=', customerId)
    .where('staff_userid', '=', staffUserid)
    .where('status', '=', 'open')
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}

/** The group when this staff member owns it or is in it; null otherwise. */
export async function groupOfStaff(tx: Tx, corpId: string, chatId: string, staffUserid: string) {
  return tx
    .selectFrom('groups as g')
    .leftJoin('staff as s', (j) => j.onRef('s.corp_id', '=', 'g.corp_id').onRef('s.userid', '=', 'g.owner_userid'))
    .select(['g.chat_id as chatId', 'g.name', 'g.owner_userid as ownerUserid', 's.name as ownerName', 'g.member_count as memberCount'])
    .where('g.corp_id', '=', corpId)
    .where('g.chat_id', '=', chatId)
    .where('g.dismissed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('g.owner_userid', '=', staffUserid),
        eb.exists(eb.selectFrom('group_members as m').select('m.userid').whereRef('m.corp_id', '=', 'g.corp_id').whereRef('m.chat_id', '=', 'g.chat_id').where('m.userid', '=', staffUserid)),
      ]),
    )
    .executeTakeFirst();
}

/** Members of the group who are this staff member's customers, with the tags on that staff member's follow. */
export async function groupCustomers(tx: Tx, corpId: string, chatId: string, staffUserid: string) {
  const { rows } = await sql<{ customerId: string; name: string; tags: string[] }>`
    select c.id as "customerId", coalesce(nullif(f.remark, ''), nullif(c.name, ''), m.name, '') as name,
           coalesce((select array_agg(t.name order by t.sort_order) from tags t where t.corp_id = f.corp_id and t.tag_id = any(f.tag_ids)), '{}') as tags
      from group_members m
      join customers c on c.corp_id = m.corp_id and c.external_userid = m.userid
      join follows f on f.corp_id = c.corp_id and f.customer_id = c.id and f.staff_userid = ${staffUserid} and f.deleted_at is null
     where m.corp_id = ${corpId} and m.chat_id = ${chatId} and m.type = 2
     order by m.join_time nulls last
     limit 200`.execute(tx);
  return rows;
}

/** What points scripts at a customer: the tags on this staff member's follow and the customer's stages. */
export async function customerSignals(tx: Tx, corpId: string, customerId: string, staffUserid: string) {
  const f = await tx.selectFrom('follows').select(['tag_ids']).where('corp_id', '=', corpId).where('customer_id', '=', customerId).where('staff_userid', '=', staffUserid).executeTakeFirst();
  const st = await tx.selectFrom('customer_stages').select('stage_id').where('corp_id', '=', corpId).where('customer_id', '=', customerId).execute();
  const c = await tx.selectFrom('customers').select('name').where('corp_id', '=', corpId).where('id', '=', customerId).executeTakeFirst();
  return { tagIds: f?.tag_ids ?? [], stageIds: st.map((s) => s.stage_id).filter((x): x is string => !!x), name: c?.name ?? '' };
}

export async function remarkOf(tx: Tx, corpId: string, customerId: string, staffUserid: string): Promise<string> {
  const f = await tx.selectFrom('follows').select('remark').where('corp_id', '=', corpId).where('customer_id', '=', customerId).where('staff_userid', '=', staffUserid).executeTakeFirst();
  return f?.remark ?? '';
}

export async function tagNames(tx: Tx, corpId: string, tagIds: string[]): Promise<string[]> {
  const rows = await tx.selectFrom('tags').select('name').where('corp_id', '=', corpId).where('tag_id', 'in', tagIds).execute();
  return rows.map((r) => r.name);
}
