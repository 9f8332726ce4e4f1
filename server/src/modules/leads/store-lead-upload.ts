// Keeps an uploaded lead file in the database (any instance's worker can import it, a retry starts over from it) as
// parts of PART_BYTES, each written and read in its own short statement: neither the upload nor the import ever holds
// the database (one connection on PGlite, which callbacks wait for) or the event loop for long.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import * as repo from './leads.repo';
import { formatOf } from './parse-lead-file';

const PART_BYTES = 128 * 1024;

/** Creates the batch (queued) and stores its file; returns the batch id. The caller queues the import. */
export async function storeLeadUpload(
  ctx: Pick<AppContext, 'db'>,
  corpId: string,
  upload: { filename: string; file: Uint8Array; createdBy: string | null },
): Promise<string> {
  const { id } = await withCorp(ctx.db, corpId, (tx) =>
    repo.insertBatch(tx, corpId, {
      filename: upload.filename.slice(0, 200),
      format: formatOf(upload.file),
      createdBy: upload.createdBy,
    }),
  );
  try {
    for (let at = 0, no = 0; at < upload.file.length; at += PART_BYTES, no++) {
      const part = upload.file.subarray(at, at + PART_BYTES);
      await nextTurn();
      await withCorp(ctx.db, corpId, (tx) => repo.insertPart(tx, corpId, id, no, part));
    }
  } catch (err) {
    await withCorp(ctx.db, corpId, (tx) =>
      repo.updateBatch(tx, corpId, id, { status: 'failed', error: 'upload_interrupted', finished_at: new Date() }),
    );
    throw err;
  }
  return id;
}

/** The stored file, one part at a time. */
export async function* storedLeadFile(ctx: Pick<AppContext, 'db'>, corpId: string, batchId: string): AsyncGenerator<Buffer> {
  for (let no = 0; ; no++) {
    const part = await withCorp(ctx.db, corpId, (tx) => repo.readPart(tx, corpId, batchId, no));
    if (!part) return;
    yield part;
  }
}

/** Drops the stored file a few parts per statement: one DELETE of 32 MiB holds PGlite (and the event loop) for long. */
export async function dropLeadUpload(ctx: Pick<AppContext, 'db'>, corpId: string, batchId: string): Promise<void> {
  for (;;) {
    await nextTurn();
    if ((await withCorp(ctx.db, corpId, (tx) => repo.deleteParts(tx, corpId, batchId, 8))) === 0) return;
  }
}
