// CSV rows with papaparse, a chunk at a time: the text is decoded as it arrives (UTF-8, BOM dropped), the delimiter
// and line break are guessed once from the start of the file as Papa.parse does, and each chunk is parsed up to its
// last complete row; the unfinished row is carried into the next chunk.
import Papa from 'papaparse';
import type { ByteSource } from './byte-chunks';
import { byteChunks } from './byte-chunks';

export class CsvRowTooLong extends Error {}

const CHUNK_BYTES = 64 * 1024;
const GUESS_CHARS = 64 * 1024;
/** A row still unfinished after this many characters (an unclosed quote, no line break) ends the read. */
export const MAX_ROW_CHARS = 1024 * 1024;

type ChunkResult = { data: string[][]; meta: { cursor: number } };
type Dialect = { delimiter: string; newline: '\n' | '\r' | '\r\n' };

function guessDialect(sample: string): Dialect {
  const meta = Papa.parse<string[]>(sample, { preview: 20 }).meta;
  const newline = meta.linebreak === '\r\n' || meta.linebreak === '\r' ? meta.linebreak : '\n';
  return { delimiter: meta.delimiter || ',', newline };
}

function parseChunk(text: string, dialect: Dialect, last: boolean): ChunkResult {
  // One Parser per call, as papaparse's own streamers do: its cursor lives across calls.
  const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline, quoteChar: '"' });
  return parser.parse(text, 0, !last) as ChunkResult;
}

/** Every record of the file in order, blank ones included, as raw cells: the records of one chunk at a time. */
export async function* csvRows(source: ByteSource, maxBytes: number): AsyncGenerator<string[][]> {
  const decoder = new TextDecoder('utf-8');
  let dialect: Dialect | null = null;
  let carry = '';
  const drain = (last: boolean): string[][] => {
    if (!dialect) dialect = guessDialect(carry);
    if (!carry) return [];
    const res = parseChunk(carry, dialect, last);
    carry = last ? '' : carry.slice(res.meta.cursor);
    if (carry.length > MAX_ROW_CHARS) throw new CsvRowTooLong();
    return res.data;
  };
  for await (const chunk of byteChunks(source, CHUNK_BYTES, maxBytes)) {
    carry += decoder.decode(chunk, { stream: true });
    if (!dialect && carry.length < GUESS_CHARS) continue;
    yield drain(false);
  }
  carry += decoder.decode();
  yield drain(true);
}
