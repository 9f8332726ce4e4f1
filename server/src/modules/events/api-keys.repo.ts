import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Tx } from '../../db/tenancy';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function newKey(): { key: string; prefix: string; hash: string } {
  const key = `sk_${randomBytes(24).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10), hash: hashKey(key) };
}

/** Cross-tenant by design: which corp a presented key belongs to (SECURITY DEFINER function, revoked keys excluded). */
export async function lookupKey(db: Kysely<DB>, hash: string): Promise<{ corpId: string; id: string; scopes: string[] } | null> {
  const { rows } = await sql<{ corp_id: string; id: string; scopes: string[] }>`select * from siyu_api_key_lookup(${hash})`.execute(db);
  return rows[0] ? { corpId: rows[0].corp_id, id: rows[0].id, scopes: rows[0].scopes } : null;
}

export async function touchKey(tx: Tx, corpId: string, id: string): Promise<void> {
  await sql`update api_keys set last_used_at = now()
             where corp_id = ${corpId} and id = ${id} and (last_used_at is null or last_used_at < now() - interval '1 minute')`.execute(tx);
}

export function listKeys(tx: Tx, corpId: string) {
  return tx
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'scopes', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'])
    .where('corp_id', '=', corpId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertKey(tx: Tx, corpId: string, v: { name: string; scopes: string[]; prefix: string; hash: string; createdBy: string }) {
  return tx
    .insertInto('api_keys')
    .values({ corp_id: corpId, name: v.name, scopes: v.scopes, prefix: v.prefix, key_hash: v.hash, created_by: v.createdBy })
    .returning(['id', 'name', 'prefix', 'scopes', 'created_at as createdAt'])
    .executeTakeFirstOrThrow();
}

export async function revokeKey(tx: Tx, corpId: string, id: string): Promise<{ key_hash: string } | undefined> {
  return tx
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('key_hash')
    .executeTakeFirst();
}

export async function webhookSecret(tx: Tx, corpId: string, rotate: boolean): Promise<string> {
  if (!rotate) {
    const row = await tx.selectFrom('event_webhooks').select('secret').where('corp_id', '=', corpId).executeTakeFirst();
    if (row) return row.secret;
  }
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  await tx
    .insertInto('event_webhooks')
    .values({ corp_id: corpId, secret })
    .onConflict((oc) => oc.column('corp_id').doUpdateSet({ secret, created_at: new Date() }))
    .execute();
  return secret;
}

export async function findWebhookSecret(tx: Tx, corpId: string): Promise<string | null> {
  const row = await tx.selectFrom('event_webhooks').select('secret').where('corp_id', '=', corpId).executeTakeFirst();
  return row?.secret ?? null;
}
