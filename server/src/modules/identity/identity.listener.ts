// Keeps identities and the timeline current as WeCom contact callbacks are applied (inside the same transaction).
import type { WecomEvent } from '@siyu/wecom';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { recordCustomerChange } from '../events/customer-changed';
import type { WecomModule } from '../wecom/wecom.module';
import { syncCustomerIdentities } from './identity.repo';

const TIMELINE: Partial<Record<WecomEvent['kind'], string>> = {
  add_external_contact: 'follow_added',
  add_half_external_contact: 'follow_added',
  del_external_contact: 'follow_deleted_by_staff',
  del_follow_user: 'follow_deleted_by_customer',
};

async function customerIdOf(tx: Tx, corpId: string, ext: string): Promise<string | null> {
  const row = await tx.selectFrom('customers').select('id').where('corp_id', '=', corpId).where('external_userid', '=', ext).executeTakeFirst();
  return row?.id ?? null;
}

export async function applyContactToProfile(tx: Tx, corpId: string, e: WecomEvent): Promise<string | null> {
  if (!('externalUserId' in e) || !('userId' in e)) return null;
  const ext = e.externalUserId;
  await syncCustomerIdentities(tx, corpId, [ext]);
  const customerId = await customerIdOf(tx, corpId, ext);
  if (!customerId) return null;
  const type = TIMELINE[e.kind];
  if (type) {
    const at = e.createTime ? new Date(e.createTime * 1000) : new Date();
    const properties: Record<string, unknown> = { staffUserid: e.userId };
    if ('state' in e && e.state) properties.state = e.state;
    await sql`
      insert into events (corp_id, customer_id, type, source, dedupe_key, occurred_at, properties)
      values (${corpId}, ${customerId}, ${type}, 'wecom', ${`wecom:${e.kind}:${ext}:${e.userId}:${at.getTime()}`}, ${at}, ${JSON.stringify(properties)}::jsonb)
      on conflict (corp_id, dedupe_key) where dedupe_key is not null do nothing`.execute(tx);
  }
  await recordCustomerChange(tx, corpId, customerId, 'follow');
  return customerId;
}

export function registerIdentityListener(wecom: WecomModule): void {
  wecom.listeners.add({ name: 'profiles.identity', inTx: async (tx, corpId, e) => void (await applyContactToProfile(tx, corpId, e)) });
}
