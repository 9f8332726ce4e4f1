// Imports one uploaded batch: parse, per-row checks, then the good rows in multi-row INSERTs of CHUNK rows, with
// done/total written after each chunk. A retry (crash, redelivery) starts the batch over from its stored file.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import * as repo from './leads.repo';
import { parseLeadFile, type RawLead } from './parse-lead-file';
import { validateLeads, type LeadRowError } from './validate-leads';

export const IMPORT_QUEUE = 'leads.import';
export type ImportJob = { corpId: string; batchId: string };

const CHUNK = 10_000;

export async function importLeadBatch(ctx: Pick<AppContext, 'db'>, { corpId, batchId }: ImportJob): Promise<void> {
  const { db } = ctx;
  const file = await withCorp(db, corpId, async (tx) => {
    const b = await repo.lockBatch(tx, corpId, batchId);
    if (!b || !b.file || b.status === 'imported' || b.status === 'failed') return null;
    await repo.resetBatchRows(tx, corpId, batchId);
    await repo.updateBatch(tx, corpId, batchId, { status: 'importing', done: 0, imported: 0, failed: 0, error: null });
    return Buffer.from(b.file); // PGlite returns bytea as a Uint8Array
  });
  if (!file) return;

  let rows: RawLead[];
  try {
    rows = await parseLeadFile(file);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await withCorp(db, corpId, (tx) =>
      repo.updateBatch(tx, corpId, batchId, { status: 'failed', error: err.code, file: null, finished_at: new Date() }),
    );
    return;
  }

  const { good, errors } = validateLeads(rows);
  const fresh = await withCorp(db, corpId, async (tx) => {
    const phones = good.map((r) => r.phone);
    const customers = await repo.knownCustomerPhones(tx, corpId, phones);
    const leads = await repo.knownLeadPhones(tx, corpId, phones);
    const keep: RawLead[] = [];
    for (const r of good) {
      if (customers.has(r.phone)) errors.push(rowError(r, 'already_customer'));
      else if (leads.has(r.phone)) errors.push(rowError(r, 'already_lead'));
      else keep.push(r);
    }
    await repo.insertErrors(tx, corpId, batchId, errors);
    await repo.updateBatch(tx, corpId, batchId, { total: rows.length, done: errors.length, failed: errors.length });
    return keep;
  });

  let done = errors.length;
  let imported = 0;
  let failed = errors.length;
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const chunk = fresh.slice(i, i + CHUNK);
    await withCorp(db, corpId, async (tx) => {
      const inserted = await repo.insertLeads(tx, corpId, batchId, chunk);
      const lost = chunk.filter((r) => !inserted.has(r.phone)).map((r) => rowError(r, 'already_lead'));
      await repo.insertErrors(tx, corpId, batchId, lost);
      done += chunk.length;
      imported += inserted.size;
      failed += lost.length;
      await repo.updateBatch(tx, corpId, batchId, { done, imported, failed });
    });
  }
  await withCorp(db, corpId, (tx) =>
    repo.updateBatch(tx, corpId, batchId, {
      status: 'imported',
      done: rows.length,
      file: null,
      finished_at: new Date(),
    }),
  );
}

function rowError(r: RawLead, reason: LeadRowError['reason']): LeadRowError {
  return { rowNo: r.rowNo, phone: r.phone, name: r.name.slice(0, 64), reason };
}
