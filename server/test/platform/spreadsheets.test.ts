// The streamed spreadsheet reader against a simple reference (Papa.parse of the whole text, exceljs's whole-file
// load): the same rows whatever the chunking, with quoting, BOM, CRLF, blank lines and NUL; limits stop the read early.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/http/errors';
import { openSpreadsheet, type ByteSource, type SheetRow, type SpreadsheetOptions } from '../../src/platform/spreadsheets';
import { cleanCell } from '../../src/platform/spreadsheets/clean-cell';
import { cellText } from '../../src/platform/spreadsheets/xlsx-rows';

const codes = { unreadable: 'invalid_file', empty: 'lead_import_empty', tooManyRows: 'lead_import_too_many', tooLarge: 'payload_too_large' } as const;
const opts = (format: 'csv' | 'xlsx', more: Partial<SpreadsheetOptions> = {}): SpreadsheetOptions => ({
  format,
  maxRows: 1_000_000,
  maxBytes: 64 * 1024 * 1024,
  codes,
  ...more,
});

async function readAll(source: ByteSource, o: SpreadsheetOptions): Promise<SheetRow[]> {
  const sheet = await openSpreadsheet(source, o);
  const rows = [sheet.header];
  for await (const r of sheet.rows) rows.push(r);
  return rows;
}

/** Non-blank rows, cleaned, as the reader promises them. */
function reference(table: string[][]): string[][] {
  return table.map((r) => r.map(cleanCell)).filter((r) => r.some((c) => c.trim() !== ''));
}

/** The bytes cut at the given offsets (UTF-8 sequences included), as a network or a table of parts would. */
function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const points = [...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    if (p > from) out.push(bytes.subarray(from, p));
    from = Math.max(from, p);
  }
  return out;
}

const cellChar = fc.constantFrom('a', 'b', '1', ' ', ',', '"', '\n', '\r', '\r\n', '\u0000', '中', '😀', ';', '\t');
const cell = fc.array(cellChar, { maxLength: 6 }).map((cs) => cs.join(''));

describe('spreadsheet reader: CSV', () => {
  it('yields what a whole-text Papa.parse yields, whatever the chunking, quoting, BOM, line breaks and blank lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat({ max: 30 }), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (table, newline, bom, blanks, cuts) => {
          const lines = Papa.unparse(table, { newline, quotes: false }).split(newline);
          for (const b of blanks) lines.splice(b % (lines.length + 1), 0, '');
          const text = lines.join(newline);
          const expected = reference(Papa.parse<string[]>(text).data);
          const bytes = Buffer.from((bom ? '\uFEFF' : '') + text);
          if (expected.length === 0) {
            await expect(readAll(cut(bytes, cuts), opts('csv'))).rejects.toMatchObject({ code: 'lead_import_empty' });
            return;
          }
          const rows = await readAll(cut(bytes, cuts), opts('csv'));
          expect(rows.map((r) => r.cells)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('numbers rows as the file does, drops NUL and the BOM, reads CRLF, skips blank lines', async () => {
    const csv = '\uFEFFphone,name\r\n\r\n13800000000,"A\u0000li"\r\n  ,  \r\n"13800000001","a ""b"",\r\nc"\r\n';
    const rows = await readAll(Buffer.from(csv), opts('csv'));
    expect(rows).toEqual([
      { rowNo: 1, cells: ['phone', 'name'] },
      { rowNo: 3, cells: ['13800000000', 'Ali'] },
      { rowNo: 5, cells: ['13800000001', 'a "b",\r\nc'] },
    ]);
  });

  it('stops at the first row over the limit without reading the rest of the file', async () => {
    let pulled = 0;
    async function* endless() {
      yield Buffer.from('phone\n');
      for (;;) {
        pulled += 65_536;
        yield Buffer.alloc(65_536, '1\n');
      }
    }
    await expect(readAll(endless(), opts('csv', { maxRows: 100_000 }))).rejects.toMatchObject({ code: 'lead_import_too_many' });
    expect(pulled).toBeLessThan(2 * 200_002 + 2 * 65_536 * 2);
  });

  it('stops once the file passes the byte limit, and on a row that never ends', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, '\n');
    await expect(readAll([Buffer.from('phone\n1\n'), big], opts('csv', { maxBytes: 1024 * 1024 }))).rejects.toMatchObject({ code: 'payload_too_large' });
    const open = Buffer.from('phone\n"' + 'x'.repeat(2 * 1024 * 1024));
    const err: unknown = await readAll(open, opts('csv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('invalid_file');
  });
});

async function xlsxOf(table: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  for (const r of table) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// An empty string cell and no cell read the same to every caller (`cells[i] ?? ''`): compare without trailing ones.
const trimEnd = (rows: string[][]) => rows.map((r) => r.slice(0, r.findLastIndex((c) => c !== '') + 1));

async function wholeLoad(file: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => {
    const values = row.values as ExcelJS.CellValue[];
    out.push(Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1])));
  });
  return out;
}

describe('spreadsheet reader: XLSX', () => {
  const xcell = fc.oneof(
    fc.array(fc.constantFrom('a', ' ', '<', '&', '"', '中', '😀', '\n'), { maxLength: 5 }).map((cs) => cs.join('')),
    fc.integer({ min: -1e9, max: 1e12 }),
  );
  it('yields what exceljs\'s whole-file load yields, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(xcell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (table, cuts) => {
          const file = await xlsxOf(table);
          const expected = reference(await wholeLoad(file));
          if (expected.length === 0) {
            await expect(readAll(cut(file, cuts), opts('xlsx'))).rejects.toMatchObject({ code: 'lead_import_empty' });
            return;
          }
          const rows = await readAll(cut(file, cuts), opts('xlsx'));
          expect(trimEnd(rows.map((r) => r.cells))).toEqual(trimEnd(expected));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('answers unreadable for a file that is not a workbook', async () => {
    await expect(readAll(Buffer.from('PK\u0003\u0004 not really a zip'), opts('xlsx'))).rejects.toMatchObject({ code: 'invalid_file' });
  });
});
