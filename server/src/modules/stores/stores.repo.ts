import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type StoreFields = {
  name: string;
  city: string;
  address: string;
  lat: number | null;
  lng: number | null;
  channelId: string | null;
  groupCodeId: string | null;
};

export type Store = StoreFields & { id: string; createdAt: Date };

const columns = ['id', 'name', 'city', 'address', 'lat', 'lng', 'channel_id', 'group_code_id', 'created_at'] as const;
type Row = { id: string; name: string; city: string; address: string; lat: number | null; lng: number | null; channel_id: string | null; group_code_id: string | null; created_at: Date };

const toStore = (r: Row): Store => ({
  id: r.id,
  name: r.name,
  city: r.city,
  address: r.address,
  lat: r.lat === null ? null : Number(r.lat),
  lng: r.lng === null ? null : Number(r.lng),
  channelId: r.channel_id,
  groupCodeId: r.group_code_id,
  createdAt: r.created_at,
});

const toRow = (f: StoreFields) => ({
  name: f.name,
  city: f.city,
  address: f.address,
  lat: f.lat,
  lng: f.lng,
  channel_id: f.channelId,
  group_code_id: f.groupCodeId,
});

export async function listStores(tx: Tx, corpId: string): Promise<Store[]> {
  const rows = await tx.selectFrom('stores').select(columns).where('corp_id', '=', corpId).orderBy('city').orderBy('name').execute();
  return rows.map((r) => toStore(r as Row));
}

export async function findStore(tx: Tx, corpId: string, id: string): Promise<Store | null> {
  const r = await tx.selectFrom('stores').select(columns).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return r ? toStore(r as Row) : null;
}

export async function insertStore(tx: Tx, corpId: string, f: StoreFields): Promise<Store> {
  const r = await tx.insertInto('stores').values({ corp_id: corpId, ...toRow(f) }).returning(columns).executeTakeFirstOrThrow();
  return toStore(r as Row);
}

export async function updateStore(tx: Tx, corpId: string, id: string, f: StoreFields): Promise<Store | null> {
  const r = await tx
    .updateTable('stores')
    .set({ ...toRow(f), updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return r ? toStore(r as Row) : null;
}

/** Imported rows: matched by name, so a re-import updates instead of duplicating. */
export async function upsertImported(tx: Tx, corpId: string, rows: Array<Omit<StoreFields, 'channelId' | 'groupCodeId'>>): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  for (const f of rows) {
    const r = await sql<{ inserted: boolean }>`
      INSERT INTO stores (corp_id, name, city, address, lat, lng) VALUES (${corpId}, ${f.name}, ${f.city}, ${f.address}, ${f.lat}, ${f.lng})
      ON CONFLICT (corp_id, name) DO UPDATE SET city = excluded.city, address = excluded.address, lat = excluded.lat, lng = excluded.lng, updated_at = now()
      RETURNING (xmax = 0) AS inserted`.execute(tx);
    if (r.rows[0]?.inserted) inserted++;
  }
  return { inserted, updated: rows.length - inserted };
}

export async function deleteStore(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('stores').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export type StoreCounts = { scans: number; adds: number; joins: number };

export async function storeCounts(tx: Tx, corpId: string): Promise<Map<string, StoreCounts>> {
  const { rows } = await sql<{ id: string; scans: number; adds: number; joins: number }>`
    SELECT s.id,
      (SELECT count(*) FROM store_scans x WHERE x.corp_id = s.corp_id AND x.store_id = s.id)::int AS scans,
      (SELECT count(*) FROM channel_adds a WHERE a.corp_id = s.corp_id AND a.channel_id = s.channel_id)::int AS adds,
      (SELECT count(*) FROM group_code_joins j WHERE j.corp_id = s.corp_id AND j.group_code_id = s.group_code_id)::int AS joins
      FROM stores s WHERE s.corp_id = ${corpId}`.execute(tx);
  return new Map(rows.map((r) => [r.id, { scans: Number(r.scans), adds: Number(r.adds), joins: Number(r.joins) }]));
}

export type StoreTarget = Store & { qrCode: string | null; kind: 'group' | 'staff' | null };

/** Stores with the QR each one shows: its group code first, else its channel code. */
export async function storeTargets(tx: Tx, corpId: string): Promise<StoreTarget[]> {
  const rows = await tx
    .selectFrom('stores as s')
    .leftJoin('group_codes as g', (j) => j.onRef('g.corp_id', '=', 's.corp_id').onRef('g.id', '=', 's.group_code_id'))
    .leftJoin('channel_codes as c', (j) => j.onRef('c.corp_id', '=', 's.corp_id').onRef('c.id', '=', 's.channel_id'))
    .select(['s.id', 's.name', 's.city', 's.address', 's.lat', 's.lng', 's.channel_id', 's.group_code_id', 's.created_at', 'g.qr_code as gqr', 'c.qr_code as cqr'])
    .where('s.corp_id', '=', corpId)
    .orderBy('s.city')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({
    ...toStore(r as Row),
    qrCode: r.gqr ?? r.cqr ?? null,
    kind: r.gqr ? 'group' : r.cqr ? 'staff' : null,
  }));
}

export async function insertScan(tx: Tx, corpId: string, storeCodeId: string, storeId: string | null): Promise<void> {
  await tx.insertInto('store_scans').values({ corp_id: corpId, store_code_id: storeCodeId, store_id: storeId }).execute();
}

// ---- store codes (landing pages) ----
export async function listStoreCodes(tx: Tx, corpId: string) {
  const { rows } = await sql<{ id: string; name: string; title: string; created_at: Date; visits: number }>`
    SELECT c.id, c.name, c.title, c.created_at,
      (SELECT count(*) FROM store_scans x WHERE x.corp_id = c.corp_id AND x.store_code_id = c.id AND x.store_id IS NULL)::int AS visits
      FROM store_codes c WHERE c.corp_id = ${corpId} ORDER BY c.created_at DESC`.execute(tx);
  return rows.map((r) => ({ id: r.id, name: r.name, title: r.title, createdAt: r.created_at, visits: Number(r.visits) }));
}

export async function findStoreCode(tx: Tx, corpId: string, id: string) {
  return (await tx.selectFrom('store_codes').select(['id', 'name', 'title']).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertStoreCode(tx: Tx, corpId: string, name: string, title: string) {
  return tx.insertInto('store_codes').values({ corp_id: corpId, name, title }).returning(['id', 'name', 'title']).executeTakeFirstOrThrow();
}

export async function deleteStoreCode(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('store_codes').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function codeExists(tx: Tx, corpId: string, table: 'channel_codes' | 'group_codes', id: string): Promise<boolean> {
  return !!(await tx.selectFrom(table).select('id').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst());
}
