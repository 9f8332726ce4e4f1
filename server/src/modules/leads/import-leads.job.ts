// Imports one uploaded batch: the stored file is read part by part through the streamed spreadsheet reader and each
// row checked as it arrives; then the good rows go in with multi-row INSERTs of CHUNK rows, one short transaction
// each with done/total written after it. Nothing here holds the event loop or the database for more than a few ms.
// A retry (crash, redelivery) starts the batch over from its stored file; the file is dropped once the batch ends.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { pacer } from '../../platform/pace';
import * as repo from './leads.repo';
import { readLeadFile, type RawLead } from './parse-lead-file';
import { dropLeadUpload, storedLeadFile } from './store-lead-upload';
import { leadRowChecker, type LeadRowError } from './validate-leads';

export const IMPORT_QUEUE = 'leads.import';
export type ImportJob = { corpId: string; batchId: string };

// Rows per transaction. PGlite runs every statement on the event loop, so there the chunk adapts to keep each INSERT
// near STATEMENT_MS (a turn of the loop between statements, and a short rest between chunks: see pace.ts) whatever
// the rows' width or the machine's load; PostgreSQL runs them elsewhere and takes large chunks.
const CHUNK = { pglite: 250, postgres: 5_000 } as const;
const REST = { pglite: 0.25, postgres: 0 } as const;
const STATEMENT_MS = 10;
const ROWS_PER_STEP = 1_000;

export async function importLeadBatch(ctx: Pick<AppContext, 'db' | 'database'>, { corpId, batchId }: ImportJob): Promise<void> {
  const { db } = ctx;
  const pglite = ctx.database.kind === 'pglite';
  let size: number = CHUNK[ctx.database.kind];
  const pace = pacer(REST[ctx.database.kind]);
  const format = await withCorp(db, corpId, async (tx) => {
    const b = await repo.lockBatch(tx, corpId, batchId);
    if (!b || b.status === 'imported' || b.status === 'failed') return null;
    await repo.resetBatchRows(tx, corpId, batchId);
    await repo.updateBatch(tx, corpId, batchId, { status: 'importing', done: 0, imported: 0, failed: 0, error: null });
    return b.format;
  });
  if (!format) return;

  const check = leadRowChecker();
  const good: RawLead[] = [];
  const errors: LeadRowError[] = [];
  let total = 0;
  try {
    for await (const row of readLeadFile(storedLeadFile(ctx, corpId, batchId), format)) {
      if (++total % ROWS_PER_STEP === 0) await pace();
      const res = check(row);
      if ('good' in res) good.push(res.good);
      else errors.push(res.error);
    }
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await withCorp(db, corpId, (tx) =>
      repo.updateBatch(tx, corpId, batchId, { status: 'failed', error: err.code, finished_at: new Date() }),
    );
    await dropLeadUpload(ctx, corpId, batchId);
    return;
  }

  let done = 0;
  let imported = 0;
  let failed = 0;
  await withCorp(db, corpId, (tx) => repo.updateBatch(tx, corpId, batchId, { total }));
  for (let i = 0; i < errors.length; i += size) {
    const chunk = errors.slice(i, i + size);
    await pace();
    await withCorp(db, corpId, async (tx) => {
      await repo.insertErrors(tx, corpId, batchId, chunk);
      done += chunk.length;
      failed += chunk.length;
      await repo.updateBatch(tx, corpId, batchId, { done, failed });
    });
  }
  for (let i = 0; i < good.length; ) {
    const chunk = good.slice(i, i + size);
    i += chunk.length;
    await pace();
    await withCorp(db, corpId, async (tx) => {
      // A turn of the loop between statements too: the transaction holds the database, not the event loop.
      const phones = chunk.map((r) => r.phone);
      const customers = await repo.knownCustomerPhones(tx, corpId, phones);
      await nextTurn();
      const leads = await repo.knownLeadPhones(tx, corpId, phones);
      await nextTurn();
      const known: LeadRowError[] = [];
      const keep: RawLead[] = [];
      for (const r of chunk) {
        if (customers.has(r.phone)) known.push(rowError(r, 'already_customer'));
        else if (leads.has(r.phone)) known.push(rowError(r, 'already_lead'));
        else keep.push(r);
      }
      const started = performance.now();
      const inserted = await repo.insertLeads(tx, corpId, batchId, keep);
      const took = performance.now() - started;
      if (pglite && keep.length) size = Math.round(Math.min(2_000, Math.max(50, (size * STATEMENT_MS) / Math.max(took, 1))));
      await nextTurn();
      const lost = keep.filter((r) => !inserted.has(r.phone)).map((r) => rowError(r, 'already_lead'));
      await repo.insertErrors(tx, corpId, batchId, [...known, ...lost]);
      done += chunk.length;
      imported += inserted.size;
      failed += known.length + lost.length;
      await repo.updateBatch(tx, corpId, batchId, { done, imported, failed });
    });
  }
  await withCorp(db, corpId, (tx) =>
    repo.updateBatch(tx, corpId, batchId, { status: 'imported', done: total, finished_at: new Date() }),
  );
  await dropLeadUpload(ctx, corpId, batchId);
}

function rowError(r: RawLead, reason: LeadRowError['reason']): LeadRowError {
  return { rowNo: r.rowNo, phone: r.phone, name: r.name.slice(0, 64), reason };
}
