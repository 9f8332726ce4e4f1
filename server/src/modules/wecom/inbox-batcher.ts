// Groups the callbacks that arrive in the same turn of the event loop into one INSERT per corp, so a burst costs one
// commit per batch instead of one per callback. Each caller still gets its answer only after its batch committed.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { storeCallbackEvents, type InboxInsert } from './inbox.repo';

type Waiting = { event: InboxInsert; resolve: (stored: boolean) => void; reject: (err: unknown) => void };

export type InboxBatcher = { store(corpId: string, event: InboxInsert): Promise<boolean> };

export function createInboxBatcher(db: Kysely<DB>, maxBatch = 200): InboxBatcher {
  const waiting = new Map<string, Waiting[]>();
  let scheduled = false;

  async function write(corpId: string, batch: Waiting[]): Promise<void> {
    try {
      const stored = await storeCallbackEvents(db, corpId, batch.map((w) => w.event));
      const answered = new Set<string>();
      for (const w of batch) {
        // the first copy of an identity in the batch is the stored one; later copies are duplicates
        const first = stored.has(w.event.identity) && !answered.has(w.event.identity);
        answered.add(w.event.identity);
        w.resolve(first);
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  function flush(): void {
    scheduled = false;
    for (const [corpId, list] of waiting) {
      waiting.delete(corpId);
      for (let i = 0; i < list.length; i += maxBatch) void write(corpId, list.slice(i, i + maxBatch));
    }
  }

  return {
    store(corpId, event) {
      return new Promise<boolean>((resolve, reject) => {
        const list = waiting.get(corpId) ?? [];
        list.push({ event, resolve, reject });
        waiting.set(corpId, list);
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
