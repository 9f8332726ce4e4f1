// The bytes of an uploaded spreadsheet as small chunks, counted against a byte limit as they pass, with a turn of
// the event loop between chunks so that parsing a large file never holds the server for more than a few ms.
import { setImmediate as nextTurn } from 'node:timers/promises';

export type ByteSource = Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export class ByteLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
  }
}

/** Re-cuts the source into chunks of at most `size` bytes; throws ByteLimitExceeded once more than `maxBytes` arrived. */
export async function* byteChunks(source: ByteSource, size: number, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  const pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = source instanceof Uint8Array ? [source] : source;
  for await (const piece of pieces) {
    for (let at = 0; at < piece.length; at += size) {
      const chunk = piece.subarray(at, Math.min(at + size, piece.length));
      total += chunk.length;
      if (total > maxBytes) throw new ByteLimitExceeded(maxBytes);
      await nextTurn();
      yield chunk;
    }
  }
}

/** Yields to the event loop once `budgetMs` of work has passed since the last turn. */
export function timeSlicer(budgetMs = 8): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await nextTurn();
    since = performance.now();
  };
}
