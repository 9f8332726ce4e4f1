import { sql } from 'kysely';
import type { IdentityKind } from '../../db/schema-profiles';
import type { Tx } from '../../db/tenancy';

export type IdentityRef = { kind: IdentityKind; value: string };
export type IdentityRow = IdentityRef & { customerId: string; externalUserid: string | null; createdAt: Date };

/** Current owners of the given identities (one query, whatever the count). */
export async function findIdentities(tx: Tx, corpId: string, refs: IdentityRef[]): Promise<IdentityRow[]> {
  if (refs.length === 0) return [];
  const { rows } = await sql<IdentityRow>`
    select i.kind, i.value, i.customer_id as "customerId", c.external_userid as "externalUserid", c.created_at as "createdAt"
      from unnest(${refs.map((r) => r.kind)}::text[], ${refs.map((r) => r.value)}::text[]) as q(kind, value)
      join customer_identities i on i.corp_id = ${corpId} and i.kind = q.kind and i.value = q.value
      join customers c on c.corp_id = i.corp_id and c.id = i.customer_id`.execute(tx);
  return rows;
}

/**
 * Customers the WeCom mirror knows by external_userid / unionid but whose identity row is missing (written by the
 * full sync): links them now, so resolution never creates a second profile for a synced customer.
 */
export async function linkMirroredIdentities(tx: Tx, corpId: string, refs: IdentityRef[]): Promise<void> {
  const ext = refs.filter((r) => r.kind === 'external_userid').map((r) => r.value);
  const union = refs.filter((r) => r.kind === 'unionid').map((r) => r.value);
  if (ext.length === 0 && union.length === 0) return;
  await sql`
    insert into customer_identities (corp_id, kind, value, customer_id)
    select ${corpId}, 'external_userid', c.external_userid, c.id from customers c
     where c.corp_id = ${corpId} and c.external_userid = any(${ext}::text[])
    union all
    select distinct on (c.unionid) ${corpId}, 'unionid', c.unionid, c.id from customers c
     where c.corp_id = ${corpId} and c.unionid = any(${union}::text[])
    on conflict do nothing`.execute(tx);
}

export async function insertIdentities(tx: Tx, corpId: string, rows: Array<IdentityRef & { customerId: string }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into customer_identities (corp_id, kind, value, customer_id)
    select ${corpId}, q.kind, q.value, q.customer_id
      from unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.value)}::text[], ${rows.map((r) => r.customerId)}::uuid[])
        as q(kind, value, customer_id)
    on conflict do nothing`.execute(tx);
}

export type NewCustomer = { id: string; externalUserid: string | null; unionid: string | null; phone: string | null; name: string };

export async function insertCustomers(tx: Tx, corpId: string, rows: NewCustomer[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into customers (corp_id, id, external_userid, unionid, phone, name)
    select ${corpId}, q.id, q.ext, q.unionid, q.phone, q.name
      from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.externalUserid)}::text[],
                  ${rows.map((r) => r.unionid)}::text[], ${rows.map((r) => r.phone)}::text[], ${rows.map((r) => r.name)}::text[])
        as q(id, ext, unionid, phone, name)`.execute(tx);
}

/** Identity rows for customers written by the WeCom mirror (new contacts, edits). */
export async function syncCustomerIdentities(tx: Tx, corpId: string, externalUserids: string[]): Promise<void> {
  if (externalUserids.length === 0) return;
  await sql`
    insert into customer_identities (corp_id, kind, value, customer_id)
    select ${corpId}, 'external_userid', c.external_userid, c.id from customers c
     where c.corp_id = ${corpId} and c.external_userid = any(${externalUserids}::text[])
    union all
    select ${corpId}, 'unionid', c.unionid, c.id from customers c
     where c.corp_id = ${corpId} and c.external_userid = any(${externalUserids}::text[]) and c.unionid is not null
    on conflict do nothing`.execute(tx);
}

/** Follows the merge redirects: a merged-away id answers with the profile it was merged into. */
export async function resolveCustomerId(tx: Tx, corpId: string, id: string): Promise<string | null> {
  let current = id;
  for (let hop = 0; hop < 8; hop++) {
    const c = await tx.selectFrom('customers').select('id').where('corp_id', '=', corpId).where('id', '=', current).executeTakeFirst();
    if (c) return c.id;
    const m = await tx
      .selectFrom('customer_merges')
      .select('into_customer_id')
      .where('corp_id', '=', corpId)
      .where('from_customer_id', '=', current)
      .executeTakeFirst();
    if (!m) return null;
    current = m.into_customer_id;
  }
  return null;
}

export function listIdentities(tx: Tx, corpId: string, customerId: string) {
  return tx
    .selectFrom('customer_identities')
    .select(['kind', 'value', 'created_at as createdAt'])
    .where('corp_id', '=', corpId)
    .where('customer_id', '=', customerId)
    .orderBy('kind')
    .execute();
}
