// Store spreadsheet import (CSV or XLSX): each row checked on its own; good rows imported, bad rows reported.
import { DomainError } from '../../http/errors';
import { openSpreadsheet, type SheetRow } from '../../platform/spreadsheets';

export type ImportedStore = { name: string; city: string; address: string; lat: number | null; lng: number | null };
export type RowError = { row: number; message: string };

const HEADERS: Record<string, keyof ImportedStore> = {
  name: 'name', 门店: 'name', 门店名称: 'name', 名称: 'name',
  city: 'city', 城市: 'city',
  address: 'address', 地址: 'address',
  lat: 'lat', latitude: 'lat', 纬度: 'lat',
  lng: 'lng', lon: 'lng', longitude: 'lng', 经度: 'lng',
};

// The request body is at most ~1 MiB of base64; the row limit bounds what a compressed XLSX can unfold into.
const MAX_STORE_ROWS = 20_000;
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const invalid = 'store_import_invalid' as const;

async function readRows(fileName: string, content: Buffer): Promise<{ header: string[]; rows: SheetRow[] }> {
  const format = /\.xlsx$/i.test(fileName) ? 'xlsx' : /\.csv$/i.test(fileName) ? 'csv' : null;
  if (!format) throw new DomainError(invalid);
  const sheet = await openSpreadsheet(content, {
    format,
    maxRows: MAX_STORE_ROWS,
    maxBytes: MAX_FILE_BYTES,
    codes: { unreadable: invalid, empty: invalid, tooManyRows: invalid, tooLarge: invalid },
  });
  const rows: SheetRow[] = [];
  for await (const row of sheet.rows) rows.push(row);
  return { header: sheet.header.cells, rows };
}

function coord(v: string, min: number, max: number): number | null | 'bad' {
  if (!v.trim()) return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= min && n <= max ? n : 'bad';
}

export async function parseStoreFile(fileName: string, content: Buffer): Promise<{ rows: ImportedStore[]; errors: RowError[]; total: number }> {
  const raw = await readRows(fileName, content);
  const header = raw.header.map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()]);
  if (!header.includes('name') || !header.includes('city')) throw new DomainError('store_import_invalid', 'header needs name and city columns');
  const rows: ImportedStore[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  let total = 0;
  raw.rows.forEach(({ rowNo, cells }) => {
    total++;
    const get = (k: keyof ImportedStore) => String(cells[header.indexOf(k)] ?? '').trim();
    const name = get('name');
    const city = get('city');
    const lat = header.includes('lat') ? coord(get('lat'), -90, 90) : null;
    const lng = header.includes('lng') ? coord(get('lng'), -180, 180) : null;
    if (!name) return void errors.push({ row: rowNo, message: 'name is empty' });
    if (name.length > 60) return void errors.push({ row: rowNo, message: 'name over 60 characters' });
    if (!city) return void errors.push({ row: rowNo, message: 'city is empty' });
    if (lat === 'bad' || lng === 'bad') return void errors.push({ row: rowNo, message: 'latitude/longitude out of range' });
    if ((lat === null) !== (lng === null)) return void errors.push({ row: rowNo, message: 'give both latitude and longitude' });
    if (seen.has(name)) return void errors.push({ row: rowNo, message: `duplicate store "${name}" in file` });
    seen.add(name);
    rows.push({ name, city, address: get('address').slice(0, 200), lat, lng });
  });
  return { rows, errors, total };
}
