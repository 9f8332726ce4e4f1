// The one spreadsheet reader (CSV or XLSX) behind every import: streamed, with the row and byte limits checked while
// reading, so a huge or hostile file stops early with the caller's error code and never holds the event loop or
// the memory of the server. The first non-blank row is the header; blank rows are skipped; cells are cleaned.
import { DomainError, type ErrorCode } from '../../http/errors';
import { ByteLimitExceeded, timeSlicer, type ByteSource } from './byte-chunks';
import { cleanCell, isBlankRow } from './clean-cell';
import { CsvRowTooLong, csvRows } from './csv-rows';
import { xlsxRows } from './xlsx-rows';

export type { ByteSource } from './byte-chunks';
export { loadExcelJS } from './exceljs';
export type SpreadsheetFormat = 'csv' | 'xlsx';
/** rowNo counts every record of the file from 1 (the header's included), as a spreadsheet program numbers rows. */
export type SheetRow = { rowNo: number; cells: string[] };
export type SpreadsheetCodes = { unreadable: ErrorCode; empty: ErrorCode; tooManyRows: ErrorCode; tooLarge: ErrorCode };
export type SpreadsheetOptions = { format: SpreadsheetFormat; maxRows: number; maxBytes: number; codes: SpreadsheetCodes };
export type Spreadsheet = { header: SheetRow; rows: AsyncGenerator<SheetRow, void, undefined> };

/** An XLSX is a zip: it starts with PK\3\4. Anything else is read as CSV text. */
export function formatOf(head: Uint8Array): SpreadsheetFormat {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04 ? 'xlsx' : 'csv';
}

async function* nonBlank(source: ByteSource, opts: SpreadsheetOptions): AsyncGenerator<SheetRow> {
  let data = -1; // the header is not a data row
  const keep = (rowNo: number, raw: string[]): SheetRow | null => {
    const cells = raw.map(cleanCell);
    if (isBlankRow(cells)) return null;
    if (++data > opts.maxRows) throw new DomainError(opts.codes.tooManyRows, `more than ${opts.maxRows} rows`);
    return { rowNo, cells };
  };
  const slice = timeSlicer();
  try {
    if (opts.format === 'xlsx') {
      for await (const row of xlsxRows(source, opts.maxBytes)) {
        const kept = keep(row.rowNo, row.cells);
        if (kept) yield kept;
      }
      return;
    }
    let rowNo = 0;
    for await (const records of csvRows(source, opts.maxBytes)) {
      // A chunk's blank records are passed over in one synchronous loop: a file of empty lines costs no awaits.
      for (const record of records) {
        const kept = keep(++rowNo, record);
        if (!kept) continue;
        yield kept;
        await slice();
      }
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (err instanceof ByteLimitExceeded) throw new DomainError(opts.codes.tooLarge, `more than ${opts.maxBytes} bytes`);
    if (err instanceof CsvRowTooLong) throw new DomainError(opts.codes.unreadable, 'a row is over 1 MiB');
    throw new DomainError(opts.codes.unreadable, err instanceof Error ? err.message.slice(0, 200) : undefined);
  }
}

/**
 * Opens a spreadsheet: reads up to its header row, then hands out the data rows one at a time. Stopping early
 * (break, or `rows.return()`) releases the file. Throws the caller's codes: `empty` without any non-blank row,
 * `tooManyRows` at the first data row over `maxRows`, `tooLarge` past `maxBytes`, `unreadable` for the rest.
 */
export async function openSpreadsheet(source: ByteSource, opts: SpreadsheetOptions): Promise<Spreadsheet> {
  const rows = nonBlank(source, opts);
  const first = await rows.next();
  if (first.done) throw new DomainError(opts.codes.empty);
  return { header: first.value, rows };
}
