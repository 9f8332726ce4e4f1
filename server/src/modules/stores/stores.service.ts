import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { parseStoreFile } from './import-stores';
import * as repo from './stores.repo';

export type StoreInput = {
  name: string;
  city: string;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  channelId?: string | null;
  groupCodeId?: string | null;
};

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

const publicStore = (s: repo.StoreTarget, distance: number | null, qrUrl: string | null) => ({
  id: s.id,
  name: s.name,
  city: s.city,
  address: s.address,
  kind: s.kind,
  distanceKm: distance === null ? null : Math.round(distance * 10) / 10,
  qrUrl,
});

export function createStoresService(ctx: AppContext) {
  const { db } = ctx;

  async function fields(corpId: string, input: StoreInput): Promise<repo.StoreFields> {
    const lat = input.lat ?? null;
    const lng = input.lng ?? null;
    if ((lat === null) !== (lng === null)) throw new DomainError('invalid_request', 'give both lat and lng');
    await withCorp(db, corpId, async (tx) => {
      if (input.channelId && !(await repo.codeExists(tx, corpId, 'channel_codes', input.channelId))) throw new DomainError('not_found', 'channel code not found');
      if (input.groupCodeId && !(await repo.codeExists(tx, corpId, 'group_codes', input.groupCodeId))) throw new DomainError('not_found', 'group code not found');
    });
    return { name: input.name, city: input.city, address: input.address ?? '', lat, lng, channelId: input.channelId ?? null, groupCodeId: input.groupCodeId ?? null };
  }

  async function targets(corpId: string, codeId: string) {
    return withCorp(db, corpId, async (tx) => {
      const code = await repo.findStoreCode(tx, corpId, codeId);
      if (!code) throw new DomainError('not_found');
      return { code, stores: (await repo.storeTargets(tx, corpId)).filter((s) => s.qrCode) };
    });
  }

  const qrPath = (corpId: string, codeId: string, storeId: string) => `/s/${encodeURIComponent(corpId)}/${codeId}/qr/${storeId}.png`;

  return {
    async list(auth: AuthContext) {
      return withCorp(db, auth.corpId, async (tx) => {
        const stores = await repo.listStores(tx, auth.corpId);
        const counts = await repo.storeCounts(tx, auth.corpId);
        return { items: stores.map((s) => ({ ...s, ...(counts.get(s.id) ?? { scans: 0, adds: 0, joins: 0 }) })) };
      });
    },

    async create(auth: AuthContext, input: StoreInput) {
      const f = await fields(auth.corpId, input);
      try {
        return await withCorp(db, auth.corpId, (tx) => repo.insertStore(tx, auth.corpId, f));
      } catch (err) {
        if (isUniqueViolation(err)) throw new DomainError('conflict');
        throw err;
      }
    },

    async update(auth: AuthContext, id: string, input: StoreInput) {
      const f = await fields(auth.corpId, input);
      try {
        const s = await withCorp(db, auth.corpId, (tx) => repo.updateStore(tx, auth.corpId, id, f));
        if (!s) throw new DomainError('not_found');
        return s;
      } catch (err) {
        if (isUniqueViolation(err)) throw new DomainError('conflict');
        throw err;
      }
    },

    async remove(auth: AuthContext, id: string) {
      if (!(await withCorp(db, auth.corpId, (tx) => repo.deleteStore(tx, auth.corpId, id)))) throw new DomainError('not_found');
    },

    async import(auth: AuthContext, file: { fileName: string; contentBase64: string }) {
      const parsed = await parseStoreFile(file.fileName, Buffer.from(file.contentBase64, 'base64'));
      const done = await withCorp(db, auth.corpId, (tx) => repo.upsertImported(tx, auth.corpId, parsed.rows));
      return { total: parsed.total, imported: done.inserted, updated: done.updated, errors: parsed.errors };
    },

    listCodes: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => repo.listStoreCodes(tx, auth.corpId)),
    createCode: (auth: AuthContext, b: { name: string; title?: string }) =>
      withCorp(db, auth.corpId, (tx) => repo.insertStoreCode(tx, auth.corpId, b.name, b.title ?? b.name)),
    async removeCode(auth: AuthContext, id: string) {
      if (!(await withCorp(db, auth.corpId, (tx) => repo.deleteStoreCode(tx, auth.corpId, id)))) throw new DomainError('not_found');
    },

    // ---- public landing ----
    async landing(corpId: string, codeId: string) {
      const { code } = await targets(corpId, codeId);
      await withCorp(db, corpId, (tx) => repo.insertScan(tx, corpId, codeId, null));
      return code;
    },

    async nearest(corpId: string, codeId: string, at: { lat: number; lng: number }) {
      const { stores } = await targets(corpId, codeId);
      const located = stores.filter((s) => s.lat !== null && s.lng !== null);
      if (!located.length) throw new DomainError('not_found');
      const ranked = located.map((s) => ({ s, d: distanceKm(at, { lat: s.lat!, lng: s.lng! }) })).sort((a, b) => a.d - b.d);
      const best = ranked[0];
      await withCorp(db, corpId, (tx) => repo.insertScan(tx, corpId, codeId, best.s.id));
      return publicStore(best.s, best.d, qrPath(corpId, codeId, best.s.id));
    },

    async cities(corpId: string, codeId: string) {
      const { stores } = await targets(corpId, codeId);
      const byCity = new Map<string, ReturnType<typeof publicStore>[]>();
      for (const s of stores) byCity.set(s.city, [...(byCity.get(s.city) ?? []), publicStore(s, null, qrPath(corpId, codeId, s.id))]);
      return { cities: [...byCity.entries()].map(([city, list]) => ({ city, stores: list })) };
    },

    /** A visitor picked a store from the city list. */
    async choose(corpId: string, codeId: string, storeId: string) {
      const { stores } = await targets(corpId, codeId);
      const s = stores.find((x) => x.id === storeId);
      if (!s) throw new DomainError('not_found');
      await withCorp(db, corpId, (tx) => repo.insertScan(tx, corpId, codeId, s.id));
      return publicStore(s, null, qrPath(corpId, codeId, s.id));
    },

    async qrOf(corpId: string, codeId: string, storeId: string): Promise<string> {
      const { stores } = await targets(corpId, codeId);
      const s = stores.find((x) => x.id === storeId);
      if (!s?.qrCode) throw new DomainError('not_found');
      return s.qrCode;
    },
  };
}

export type StoresService = ReturnType<typeof createStoresService>;
