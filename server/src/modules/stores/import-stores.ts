// Store spreadsheet import (CSV or XLSX): each row checked on its own; good rows imported, bad rows reported.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { DomainError } from '../../http/errors';

export type ImportedStore = { name: string; city: string; address: string; lat: number | null; lng: number | null };
export type RowError = { row: number; message: string };

const HEADERS: Record<string, keyof ImportedStore> = {
  name: 'name', 门店: 'name', 门店名称: 'name', 名称: 'name',
  city: 'city', 城市: 'city',
  address: 'address', 地址: 'address',
  lat: 'lat', latitude: 'lat', 纬度: 'lat',
  lng: 'lng', lon: 'lng', longitude: 'lng', 经度: 'lng',
};

async function readRows(fileName: string, content: Buffer): Promise<string[][]> {
  if (/\.xlsx$/i.test(fileName)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw new DomainError('store_import_invalid');
    }
    const sheet = wb.worksheets[0];
    if (!sheet) throw new DomainError('store_import_invalid');
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'text' in (v as object) ? String((v as { text: unknown }).text) : String(v))));
    });
    return rows;
  }
  if (/\.csv$/i.test(fileName)) {
    const parsed = Papa.parse<string[]>(content.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: false });
    return parsed.data;
  }
  throw new DomainError('store_import_invalid');
}

function coord(v: string, min: number, max: number): number | null | 'bad' {
  if (!v.trim()) return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= min && n <= max ? n : 'bad';
}

export async function parseStoreFile(fileName: string, content: Buffer): Promise<{ rows: ImportedStore[]; errors: RowError[]; total: number }> {
  const raw = await readRows(fileName, content);
  const header = (raw[0] ?? []).map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()]);
  if (!header.includes('name') || !header.includes('city')) throw new DomainError('store_import_invalid', 'header needs name and city columns');
  const rows: ImportedStore[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  let total = 0;
  raw.slice(1).forEach((cells, i) => {
    const rowNo = i + 2;
    if (cells.every((c) => !String(c ?? '').trim())) return;
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
