// A lead spreadsheet (CSV or XLSX) → raw rows. Headers in Chinese or English; only a phone column is required.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { DomainError } from '../../http/errors';

export type RawLead = { rowNo: number; phone: string; name: string; source: string; notes: string };
export type LeadFileFormat = 'csv' | 'xlsx';

export const MAX_LEADS = 100_000;

const HEADERS: Record<keyof Omit<RawLead, 'rowNo'>, string[]> = {
  phone: ['phone', 'mobile', 'tel', '手机', '手机号', '手机号码', '电话', '联系电话'],
  name: ['name', '姓名', '名称', '客户名称'],
  source: ['source', 'channel', '来源', '渠道'],
  notes: ['notes', 'note', 'remark', 'remarks', '备注'],
};

export function formatOf(file: Buffer): LeadFileFormat {
  return file.length >= 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04
    ? 'xlsx'
    : 'csv';
}

function columnsOf(header: string[]): Record<keyof Omit<RawLead, 'rowNo'>, number> {
  const norm = header.map((h) => h.trim().toLowerCase());
  const find = (k: keyof typeof HEADERS) => norm.findIndex((h) => HEADERS[k].includes(h));
  const cols = { phone: find('phone'), name: find('name'), source: find('source'), notes: find('notes') };
  if (cols.phone < 0) throw new DomainError('lead_import_no_phone_column');
  return cols;
}

function toRows(table: string[][]): RawLead[] {
  if (table.length === 0) throw new DomainError('lead_import_empty');
  const cols = columnsOf(table[0]);
  const cell = (r: string[], i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
  const out: RawLead[] = [];
  for (let i = 1; i < table.length; i++) {
    const r = table[i];
    if (r.every((c) => !c || !c.trim())) continue;
    out.push({
      rowNo: i + 1,
      phone: cell(r, cols.phone),
      name: cell(r, cols.name),
      source: cell(r, cols.source),
      notes: cell(r, cols.notes),
    });
    if (out.length > MAX_LEADS) throw new DomainError('lead_import_too_many');
  }
  if (out.length === 0) throw new DomainError('lead_import_empty');
  return out;
}

function parseCsv(file: Buffer): string[][] {
  const text = file.toString('utf8').replace(/^\uFEFF/, '');
  const res = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  if (res.data.length === 0 && res.errors.length) throw new DomainError('lead_import_unreadable');
  return res.data;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString();
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    return '';
  }
  return String(v);
}

async function parseXlsx(file: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('lead_import_unreadable');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new DomainError('lead_import_empty');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    table[n - 1] = values.slice(1).map(cellText);
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

export async function parseLeadFile(file: Buffer): Promise<RawLead[]> {
  return toRows(formatOf(file) === 'xlsx' ? await parseXlsx(file) : parseCsv(file));
}
