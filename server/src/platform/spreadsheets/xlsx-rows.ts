// XLSX rows of the first worksheet with exceljs's streaming WorkbookReader: the zip is inflated and its XML parsed as
// the bytes arrive, one row at a time, so memory stays bounded whatever the file holds (never `xlsx.load`).
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import type { ByteSource } from './byte-chunks';
import { byteChunks, timeSlicer } from './byte-chunks';

// Small input chunks: 16 KiB of deflated XML is a few ms of parsing between two turns of the event loop.
const CHUNK_BYTES = 16 * 1024;

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString();
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return v.result === undefined || v.result === null ? '' : cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

// exceljs's stream reader (its iterateStream over unzipper) sometimes lost the end of the zip when the file came in
// several pieces with turns of the event loop between them: a valid workbook then read as unreadable, or never ended
// (about 1 run in 300 of the property test). It is given the compressed file whole, which is bounded by maxBytes
// (kept as it arrives); the inflated sheet, the part that grows, is still read row by row.
async function wholeFile(source: ByteSource, maxBytes: number): Promise<Buffer[]> {
  const pieces: Uint8Array[] = [];
  for await (const chunk of byteChunks(source, CHUNK_BYTES, maxBytes)) pieces.push(chunk);
  return [Buffer.concat(pieces)];
}

// Under load the same race still ended exceljs's walk over the zip early now and then (CI, once in ~40 property runs):
// workbook.xml never read, `this.model` undefined, a TypeError before any row. The file is in memory, so such a
// failure before the first row is read again, up to three times; a limit error or a failure after rows is final.
const ATTEMPTS = 3;

/** Rows of the first worksheet in order with their spreadsheet row numbers; empty rows are not in the file. */
export async function* xlsxRows(source: ByteSource, maxBytes: number): AsyncGenerator<{ rowNo: number; cells: string[] }> {
  const file = await wholeFile(source, maxBytes);
  for (let attempt = 1; ; attempt++) {
    let yielded = false;
    try {
      for await (const row of firstSheetRows(file)) {
        yielded = true;
        yield row;
      }
      return;
    } catch (err) {
      if (yielded || attempt >= ATTEMPTS || !(err instanceof TypeError)) throw err;
    }
  }
}

async function* firstSheetRows(file: Buffer[]): AsyncGenerator<{ rowNo: number; cells: string[] }> {
  const input = Readable.from(file, { objectMode: false });
  const { stream } = await loadExcelJS();
  const reader = new stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // date formats: a paid_at cell reads as a date, as the whole-file reader did
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const slice = timeSlicer();
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1]));
        yield { rowNo: row.number, cells };
        await slice();
      }
      return; // the first worksheet only
    }
  } finally {
    input.destroy();
  }
}
