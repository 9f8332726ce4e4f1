// The WeCom side of dynamic tags: the outbox drained through mark_tag within rate limits. A batch is folded per
// customer (the latest change of each tag wins, as if the rows had been sent in order) into one mark_tag per
// (staff member, customer) carrying every tag to add and to remove, and settled in one transaction.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { mapLimit } from '../../platform/map-limit';
import type { WecomConnections } from '../wecom';
import { pendingTagMarks, settleTagMarks, type TagOutboxRow } from './tag-outbox.repo';

const BATCH = 200;
const MAX_ATTEMPTS = 5;
/** mark_tag calls in flight at once (the client's rate limiter paces them further). */
const CONCURRENCY = 8;

export type TagMark = { ext: string | null; staff: string[]; add: string[]; remove: string[]; ids: number[] };

/** One mark per customer: each tag's last op (rows come in id order); a customer gone from Siyu sends nothing. */
function planTagMarks(rows: readonly TagOutboxRow[]): TagMark[] {
  const byCustomer = new Map<string, { row: TagOutboxRow; last: Map<string, 'add' | 'remove'>; ids: number[] }>();
  for (const row of rows) {
    const entry = byCustomer.get(row.customer_id) ?? { row, last: new Map<string, 'add' | 'remove'>(), ids: [] as number[] };
    entry.last.delete(row.tag_id);
    entry.last.set(row.tag_id, row.op);
    entry.ids.push(row.id);
    byCustomer.set(row.customer_id, entry);
  }
  return [...byCustomer.values()].map(({ row, last, ids }) => ({
    ext: row.external_userid,
    staff: row.external_userid ? (row.staff ?? []) : [],
    add: [...last].filter(([, op]) => op === 'add').map(([tag]) => tag),
    remove: [...last].filter(([, op]) => op === 'remove').map(([tag]) => tag),
    ids,
  }));
}

/** Writes pending dynamic-tag changes to WeCom: one mark_tag per (staff, customer) follow. */
export async function drainTagOutbox(
  ctx: AppContext,
  connections: WecomConnections,
  corpId: string,
): Promise<{ sent: number; failed: number }> {
  const { db } = ctx;
  let client;
  try {
    client = await connections.contactClient(corpId);
  } catch {
    return { sent: 0, failed: 0 }; // not connected: the rows wait
  }
  let sent = 0;
  let failed = 0;
  for (;;) {
    const rows = await withCorp(db, corpId, (tx) => pendingTagMarks(tx, corpId, BATCH, MAX_ATTEMPTS));
    if (rows.length === 0) break;
    const marks = planTagMarks(rows);
    const errors = await mapLimit(marks, CONCURRENCY, async (m) => {
      let error: string | null = null;
      for (const userid of m.staff) {
        try {
          await client.markTag({
            userid,
            external_userid: m.ext!,
            ...(m.add.length ? { add_tag: m.add } : {}),
            ...(m.remove.length ? { remove_tag: m.remove } : {}),
          });
        } catch (err) {
          error = String((err as Error).message).slice(0, 300);
        }
      }
      return error;
    });
    const sentIds = marks.flatMap((m, i) => (errors[i] === null ? m.ids : []));
    const failedRows = marks.flatMap((m, i) => (errors[i] === null ? [] : m.ids.map((id) => ({ id, error: errors[i]! }))));
    await withCorp(db, corpId, (tx) => settleTagMarks(tx, corpId, sentIds, failedRows));
    sent += sentIds.length;
    failed += failedRows.length;
    if (failedRows.length > 0) break; // retry later rather than spin on a failing corp
  }
  return { sent, failed };
}
