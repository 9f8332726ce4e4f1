import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { containsPattern } from '../../db/like';
import { attributionSql } from './attribution-sql';
import type { Attribution } from '@siyu/contracts';

export type CustomerListQuery = { corpId: string; q?: string; staffUserid?: string | null; page: number; pageSize: number };

export type CustomerListItem = {
  id: string;
  externalUserid: string | null;
  name: string;
  avatar: string | null;
  gender: number | null;
  phone: string | null;
  owners: string[];
  createdAt: Date;
};

export async function listCustomers(tx: Tx, query: CustomerListQuery): Promise<{ items: CustomerListItem[]; total: number }> {
  let base = tx.selectFrom('customers as c').where('c.corp_id', '=', query.corpId);
  if (query.q) {
    const like = containsPattern(query.q);
    base = base.where((eb) => eb.or([eb('c.name', 'ilike', like), eb('c.phone', 'like', like), eb('c.external_userid', '=', query.q!)]));
  }
  if (query.staffUserid) {
    const staff = query.staffUserid;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('follows as f')
          .select(sql`1`.as('one'))
          .whereRef('f.corp_id', '=', 'c.corp_id')
          .whereRef('f.customer_id', '=', 'c.id')
          .where('f.staff_userid', '=', staff)
          .where('f.deleted_at', 'is', null),
      ),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .select([
      'c.id',
      'c.external_userid as externalUserid',
      'c.name',
      'c.avatar',
      'c.gender',
      'c.phone',
      'c.created_at as createdAt',
      sql<string[]>`coalesce((select array_agg(f.staff_userid order by f.followed_at) from follows f
        where f.corp_id = c.corp_id and f.customer_id = c.id and f.deleted_at is null), '{}')`.as('owners'),
    ])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

export function findCustomer(tx: Tx, corpId: string, id: string) {
  return tx.selectFrom('customers').selectAll().where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}

export function listFollows(tx: Tx, corpId: string, customerId: string) {
  return tx
    .selectFrom('follows as f')
    .leftJoin('staff as s', (j) => j.onRef('s.corp_id', '=', 'f.corp_id').onRef('s.userid', '=', 'f.staff_userid'))
    .select([
      'f.staff_userid as staffUserid',
      's.name as staffName',
      'f.remark',
      'f.description',
      'f.add_way as addWay',
      'f.state',
      attributionSql(sql`f.corp_id`, sql`f.state`).$castTo<Attribution | null>().as('attribution'),
      'f.tag_ids as tagIds',
      'f.remark_mobiles as remarkMobiles',
      'f.followed_at as followedAt',
      'f.deleted_at as deletedAt',
      'f.deleted_by as deletedBy',
    ])
    .where('f.corp_id', '=', corpId)
    .where('f.customer_id', '=', customerId)
    .orderBy('f.followed_at')
    .execute();
}
