import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { containsPattern } from '../../db/like';

export async function listStaff(tx: Tx, corpId: string, q: { q?: string; page: number; pageSize: number }) {
  let base = tx.selectFrom('staff as s').where('s.corp_id', '=', corpId);
  if (q.q) base = base.where((eb) => eb.or([eb('s.name', 'ilike', containsPattern(q.q!)), eb('s.userid', '=', q.q!)]));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .select([
      's.userid',
      's.name',
      's.department_ids as departmentIds',
      's.status',
      's.is_follow_user as isFollowUser',
      sql<number>`(select count(*) from follows f where f.corp_id = s.corp_id and f.staff_userid = s.userid and f.deleted_at is null)`.as(
        'customerCount',
      ),
    ])
    .orderBy('s.userid')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: items.map((i) => ({ ...i, customerCount: Number(i.customerCount) })), total: Number(total.n) };
}

export function findStaff(tx: Tx, corpId: string, userid: string) {
  return tx
    .selectFrom('staff')
    .select(['userid', 'name', 'department_ids as departmentIds', 'mobile', 'status', 'is_follow_user as isFollowUser', 'updated_at as updatedAt'])
    .where('corp_id', '=', corpId)
    .where('userid', '=', userid)
    .executeTakeFirst();
}
