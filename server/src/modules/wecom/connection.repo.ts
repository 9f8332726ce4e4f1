import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Tx } from '../../db/tenancy';

export type CorpConnection = {
  corpId: string;
  corpName: string;
  wecomCorpId: string | null;
  contactSecret: string | null;
  agentId: string | null;
  appSecret: string | null;
  callbackToken: string | null;
  callbackAesKey: string | null;
  apiBase: string | null;
};

export async function findConnection(tx: Tx, corpId: string): Promise<CorpConnection | null> {
  const row = await tx
    .selectFrom('corps')
    .select([
      'id',
      'name',
      'wecom_corp_id',
      'contact_secret',
      'agent_id',
      'app_secret',
      'callback_token',
      'callback_aes_key',
      'api_base',
    ])
    .where('id', '=', corpId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    corpId: row.id,
    corpName: row.name,
    wecomCorpId: row.wecom_corp_id,
    contactSecret: row.contact_secret,
    agentId: row.agent_id,
    appSecret: row.app_secret,
    callbackToken: row.callback_token,
    callbackAesKey: row.callback_aes_key,
    apiBase: row.api_base,
  };
}

export type ConnectionPatch = Partial<{
  wecom_corp_id: string | null;
  contact_secret: string | null;
  agent_id: string | null;
  app_secret: string | null;
  callback_token: string | null;
  callback_aes_key: string | null;
  api_base: string | null;
}>;

export async function updateConnection(tx: Tx, corpId: string, patch: ConnectionPatch): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await tx.updateTable('corps').set(patch).where('id', '=', corpId).execute();
}

/** Inserts the corp if missing (single-corp deployments configured from the environment). */
export async function upsertCorpConnection(tx: Tx, corpId: string, name: string, patch: ConnectionPatch): Promise<void> {
  await tx
    .insertInto('corps')
    .values({ id: corpId, name, ...patch })
    .onConflict((oc) => (Object.keys(patch).length ? oc.column('id').doUpdateSet(patch) : oc.column('id').doNothing()))
    .execute();
}

/** Cross-tenant: ids of corps with a WeCom connection (SECURITY DEFINER function, ids only). */
export async function connectedCorpIds(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ corp_id: string }>`select corp_id from siyu_wecom_connected_corps()`.execute(db);
  return rows.map((r) => r.corp_id);
}

export type FeatureStatus = {
  feature: string;
  status: 'ok' | 'disabled';
  errcode: number | null;
  api: string | null;
  message: string | null;
  updatedAt: Date;
};

export async function setFeatureStatus(
  tx: Tx,
  corpId: string,
  feature: string,
  s: { status: 'ok' | 'disabled'; errcode?: number | null; api?: string | null; message?: string | null },
): Promise<void> {
  const values = { status: s.status, errcode: s.errcode ?? null, api: s.api ?? null, message: s.message ?? null, updated_at: new Date() };
  await tx
    .insertInto('wecom_feature_status')
    .values({ corp_id: corpId, feature, ...values })
    .onConflict((oc) => oc.columns(['corp_id', 'feature']).doUpdateSet(values))
    .execute();
}

export async function listFeatureStatus(tx: Tx, corpId: string): Promise<FeatureStatus[]> {
  const rows = await tx.selectFrom('wecom_feature_status').selectAll().where('corp_id', '=', corpId).orderBy('feature').execute();
  return rows.map((r) => ({ feature: r.feature, status: r.status, errcode: r.errcode, api: r.api, message: r.message, updatedAt: r.updated_at }));
}

/** Records 'ok' only when the feature was known and not ok already (keeps the happy path write-free). */
export async function setFeatureStatusIfChanged(tx: Tx, corpId: string, feature: string, s: { status: 'ok' }): Promise<void> {
  await tx
    .updateTable('wecom_feature_status')
    .set({ status: s.status, errcode: null, api: null, message: null, updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('feature', '=', feature)
    .where('status', '<>', s.status)
    .execute();
}
