import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EventsIngestResult, OrderImportResult } from '@siyu/contracts';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import * as keys from './api-keys.repo';
import { ordersFromFile, type ImportFormat, type RowError } from './import-orders';
import { ingestEvents, type IngestResult } from './ingest-events';

type CachedKey = { corpId: string; id: string; scopes: string[]; until: number };

const KEY_CACHE_MS = 10_000;

function publicResult(r: IngestResult): EventsIngestResult {
  return { accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected };
}

export function createEventsService({ db }: AppContext) {
  const cache = new Map<string, CachedKey | null>();

  async function authenticate(authorization: string | undefined): Promise<CachedKey> {
    const m = /^Bearer\s+(sk_[A-Za-z0-9_-]{10,100})$/.exec(authorization ?? '');
    if (!m) throw new DomainError('invalid_api_key');
    const hash = keys.hashKey(m[1]);
    let hit = cache.get(hash);
    if (!hit || hit.until < Date.now()) {
      const row = await keys.lookupKey(db, hash);
      hit = row ? { ...row, until: Date.now() + KEY_CACHE_MS } : null;
      cache.set(hash, hit);
    }
    if (!hit) throw new DomainError('invalid_api_key');
    if (!hit.scopes.includes('events:write')) throw new DomainError('insufficient_scope');
    return hit;
  }

  return {
    /** POST /api/events with `Authorization: Bearer sk_…`. */
    async ingestWithKey(authorization: string | undefined, events: unknown[]) {
      const key = await authenticate(authorization);
      const result = await withCorp(db, key.corpId, async (tx) => {
        await keys.touchKey(tx, key.corpId, key.id);
        const r = await ingestEvents(tx, key.corpId, events, 'api');
        await writeAudit(tx, { corpId: key.corpId, actorUserId: null, action: 'events.ingest', target: key.id, detail: { source: 'api', accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected.length } });
        return r;
      });
      return publicResult(result);
    },

    /** POST /hooks/events/:corpId, signed `X-Siyu-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`. */
    async ingestSigned(corpId: string, rawBody: string, signature: string | undefined, events: unknown[]) {
      const result = await withCorp(db, corpId, async (tx) => {
        const secret = await keys.findWebhookSecret(tx, corpId);
        const m = /^sha256=([0-9a-f]{64})$/i.exec(signature ?? '');
        if (!secret || !m) throw new DomainError('invalid_signature');
        const expected = createHmac('sha256', secret).update(rawBody).digest();
        const given = Buffer.from(m[1], 'hex');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new DomainError('invalid_signature');
        const r = await ingestEvents(tx, corpId, events, 'webhook');
        await writeAudit(tx, { corpId, actorUserId: null, action: 'events.ingest', detail: { source: 'webhook', accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected.length } });
        return r;
      });
      return publicResult(result);
    },

    listKeys: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => keys.listKeys(tx, auth.corpId)),

    async createKey(auth: AuthContext, input: { name: string; scopes: string[] }) {
      const k = keys.newKey();
      const row = await withCorp(db, auth.corpId, async (tx) => {
        const r = await keys.insertKey(tx, auth.corpId, { name: input.name, scopes: [...new Set(input.scopes)], prefix: k.prefix, hash: k.hash, createdBy: auth.userId });
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'api_key.create', target: r.id, detail: { name: input.name, scopes: input.scopes } });
        return r;
      });
      return { ...row, key: k.key };
    },

    async revokeKey(auth: AuthContext, id: string) {
      await withCorp(db, auth.corpId, async (tx) => {
        const r = await keys.revokeKey(tx, auth.corpId, id);
        if (!r) throw new DomainError('not_found');
        cache.delete(r.key_hash);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'api_key.revoke', target: id });
      });
    },

    async webhook(auth: AuthContext, rotate: boolean) {
      const secret = await withCorp(db, auth.corpId, async (tx) => {
        const s = await keys.webhookSecret(tx, auth.corpId, rotate);
        if (rotate) await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'events.webhook_rotate' });
        return s;
      });
      return { path: `/hooks/events/${auth.corpId}`, secret };
    },

    async importOrders(auth: AuthContext, input: { format: ImportFormat; content: string }): Promise<OrderImportResult> {
      const { orders, errors } = await ordersFromFile(input.format, input.content);
      const result = await withCorp(db, auth.corpId, async (tx) => {
        const r = await ingestEvents(tx, auth.corpId, orders.map((o) => o.event), 'import', auth.userId);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'orders.import', detail: { orders: orders.length, accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected.length, badRows: errors.length } });
        return r;
      });
      const rowErrors: RowError[] = [...errors];
      for (const rej of result.rejected) {
        for (const row of orders[rej.index].rows) rowErrors.push({ row, code: rej.code, message: rej.message, ...(rej.path ? { path: rej.path } : {}) });
      }
      rowErrors.sort((a, b) => a.row - b.row);
      return { orders: orders.length, imported: result.accepted, duplicates: result.duplicates, errors: rowErrors };
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
