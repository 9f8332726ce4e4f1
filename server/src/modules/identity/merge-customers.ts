// Merges one profile into another when an identity links them: everything the customer did or has moves to the
// surviving profile, the merged-away id keeps resolving through customer_merges, and the merge is audited.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import { recordEvent } from '../../platform/events';
import { recomputeRfm } from '../membership';

export type MergeInput = { fromId: string; intoId: string; reason: string; actorUserId: string | null; detail?: Record<string, unknown> };

type Side = { id: string; external_userid: string | null; created_at: Date };

/** The surviving profile: the WeCom contact if only one is, else the older one. Throws when both are WeCom contacts. */
export function pickSurvivor(a: Side, b: Side): { into: Side; from: Side } {
  if (a.external_userid && b.external_userid && a.external_userid !== b.external_userid) throw new DomainError('identity_conflict');
  if (a.external_userid && !b.external_userid) return { into: a, from: b };
  if (b.external_userid && !a.external_userid) return { into: b, from: a };
  return a.created_at <= b.created_at ? { into: a, from: b } : { into: b, from: a };
}

export async function mergeCustomers(tx: Tx, corpId: string, input: MergeInput): Promise<void> {
  const { fromId: from, intoId: into } = input;
  if (from === into) return;
  const c = sql`${corpId}`;
  const moved: Record<string, number> = {};
  const count = async (name: string, q: ReturnType<typeof sql>) => {
    const r = await q.execute(tx);
    moved[name] = Number(r.numAffectedRows ?? 0);
  };
  await sql`select id from customers where corp_id = ${c} and id in (${from}, ${into}) order by id for update`.execute(tx);
  await count('identities', sql`update customer_identities set customer_id = ${into} where corp_id = ${c} and customer_id = ${from}`);
  await count('events', sql`update events set customer_id = ${into} where corp_id = ${c} and customer_id = ${from}`);
  await count('orders', sql`update orders set customer_id = ${into} where corp_id = ${c} and customer_id = ${from}`);
  await sql`delete from follows f where f.corp_id = ${c} and f.customer_id = ${from}
    and exists (select 1 from follows w where w.corp_id = f.corp_id and w.customer_id = ${into} and w.staff_userid = f.staff_userid)`.execute(tx);
  await count('follows', sql`update follows set customer_id = ${into} where corp_id = ${c} and customer_id = ${from}`);
  await sql`delete from custom_field_values v where v.corp_id = ${c} and v.customer_id = ${from}
    and exists (select 1 from custom_field_values w where w.corp_id = v.corp_id and w.customer_id = ${into} and w.field_id = v.field_id)`.execute(tx);
  await count('customFields', sql`update custom_field_values set customer_id = ${into} where corp_id = ${c} and customer_id = ${from}`);
  await count('notes', sql`update follow_notes set customer_id = ${into} where corp_id = ${c} and customer_id = ${from}`);
  await sql`delete from customer_stages s where s.corp_id = ${c} and s.customer_id = ${from}
    and exists (select 1 from customer_stages w where w.corp_id = s.corp_id and w.customer_id = ${into} and w.pipeline_id = s.pipeline_id)`.execute(tx);
  await count('stages', sql`update customer_stages set customer_id = ${into} where corp_id = ${c} and customer_id = ${from}`);
  await sql`update customer_stage_history set customer_id = ${into} where corp_id = ${c} and customer_id = ${from}`.execute(tx);
  await sql`update points_ledger set customer_id = ${into} where corp_id = ${c} and customer_id = ${from}`.execute(tx);
  await sql`insert into customer_membership (corp_id, customer_id, points, growth, level)
    select corp_id, ${into}, points, growth, level from customer_membership where corp_id = ${c} and customer_id = ${from}
    on conflict (corp_id, customer_id) do update set points = customer_membership.points + excluded.points,
      growth = customer_membership.growth + excluded.growth, level = greatest(customer_membership.level, excluded.level), updated_at = now()`.execute(tx);
  await sql`delete from alerts a where a.corp_id = ${c} and a.customer_id = ${from} and a.status = 'open'
    and exists (select 1 from alerts w where w.corp_id = a.corp_id and w.customer_id = ${into} and w.kind = a.kind and w.subject = a.subject
                and coalesce(w.staff_userid, '') = coalesce(a.staff_userid, '') and w.status = 'open')`.execute(tx);
  await sql`update alerts set customer_id = ${into} where corp_id = ${c} and customer_id = ${from}`.execute(tx);
  const loser = await tx.selectFrom('customers').select('external_userid').where('corp_id', '=', corpId).where('id', '=', from).executeTakeFirst();
  if (!loser) throw new DomainError('not_found');
  await sql`update customers set external_userid = null where corp_id = ${c} and id = ${from}`.execute(tx);
  await sql`update customers w set
      external_userid = coalesce(w.external_userid, ${loser.external_userid}::text),
      name = case when w.name = '' then l.name else w.name end,
      avatar = coalesce(w.avatar, l.avatar), unionid = coalesce(w.unionid, l.unionid), phone = coalesce(w.phone, l.phone),
      corp_name = coalesce(w.corp_name, l.corp_name), gender = coalesce(w.gender, l.gender), type = coalesce(w.type, l.type),
      created_at = least(w.created_at, l.created_at), updated_at = now()
    from customers l where w.corp_id = ${c} and w.id = ${into} and l.corp_id = ${c} and l.id = ${from}`.execute(tx);
  await sql`delete from customer_membership where corp_id = ${c} and customer_id = ${from}`.execute(tx);
  await sql`delete from customers where corp_id = ${c} and id = ${from}`.execute(tx);
  await sql`update customer_merges set into_customer_id = ${into} where corp_id = ${c} and into_customer_id = ${from}`.execute(tx);
  await tx
    .insertInto('customer_merges')
    .values({ corp_id: corpId, from_customer_id: from, into_customer_id: into, reason: input.reason, detail: JSON.stringify({ ...input.detail, moved }), actor_user_id: input.actorUserId })
    .execute();
  await recordEvent(
    tx,
    corpId,
    { type: 'customer.merged', customerId: into, data: { fromCustomerId: from } },
    { type: 'profile_merged', source: 'system', properties: { fromCustomerId: from, reason: input.reason } },
  );
  await writeAudit(tx, { corpId, actorUserId: input.actorUserId, action: 'customer.merge', target: into, detail: { from, reason: input.reason, moved } });
  await recomputeRfm(tx, corpId, [into]);
}
