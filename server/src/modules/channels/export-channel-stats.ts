// XLSX exports of channel statistics and QR images (WeCom's own image, or one rendered locally if unreachable).
import QRCode from 'qrcode';
import { loadExcelJS } from '../../platform/spreadsheets';
import type { DayStats } from './channel-stats.repo';

type Totals = { adds: number; net: number; converted: number; revenue: number; cost: number; costPerAdd: number | null; roi: number | null };

const pct = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);

export async function statsWorkbook(name: string, range: { from: string; to: string }, totals: Totals, days: DayStats[]): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Siyu';
  const sheet = wb.addWorksheet('daily');
  sheet.columns = [
    { header: '日期 Day', key: 'day', width: 12 },
    { header: '新增 Adds', key: 'adds', width: 10 },
    { header: '客户删除 Deleted by customer', key: 'deletedByCustomer', width: 14 },
    { header: '员工删除 Deleted by staff', key: 'deletedByStaff', width: 14 },
    { header: '净增 Net', key: 'net', width: 10 },
    { header: '次日留存% Retention D1', key: 'r1', width: 12 },
    { header: '7日留存% Retention D7', key: 'r7', width: 12 },
    { header: '30日留存% Retention D30', key: 'r30', width: 12 },
    { header: '首单转化 First orders', key: 'converted', width: 12 },
    { header: '收入 Revenue', key: 'revenue', width: 12 },
    { header: '欢迎语超时 Welcome late', key: 'welcomeLate', width: 12 },
  ];
  for (const d of days) {
    sheet.addRow({ ...d, r1: pct(d.retention1), r7: pct(d.retention7), r30: pct(d.retention30) });
  }
  sheet.getRow(1).font = { bold: true };
  const sum = wb.addWorksheet('summary');
  sum.addRows([
    ['渠道 Code', name],
    ['区间 Range', `${range.from} ~ ${range.to}`],
    ['新增 Adds', totals.adds],
    ['净增 Net', totals.net],
    ['首单转化 First orders', totals.converted],
    ['收入 Revenue', totals.revenue],
    ['成本 Cost', totals.cost],
    ['获客成本 Cost per add (lifetime)', totals.costPerAdd ?? ''],
    ['ROI (lifetime)', totals.roi ?? ''],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function summaryWorkbook(range: { from: string; to: string }, rows: Array<Totals & { name: string; deletedByCustomer: number; deletedByStaff: number }>): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(`${range.from}~${range.to}`);
  sheet.addRow(['渠道 Code', '新增 Adds', '客户删除 By customer', '员工删除 By staff', '净增 Net', '首单 First orders', '收入 Revenue', '成本 Cost', '获客成本 CPA', 'ROI']);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow([r.name, r.adds, r.deletedByCustomer, r.deletedByStaff, r.net, r.converted, r.revenue, r.cost, r.costPerAdd ?? '', r.roi ?? '']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The code's QR image from WeCom (or the sandbox); rendered locally from its URL when that fails. */
export async function qrPng(qrCodeUrl: string): Promise<Buffer> {
  try {
    const res = await fetch(qrCodeUrl, { signal: AbortSignal.timeout(3000) });
    const type = res.headers.get('content-type') ?? '';
    if (res.ok && type.startsWith('image/')) return Buffer.from(await res.arrayBuffer());
  } catch {
    // fall through to the local rendering
  }
  return QRCode.toBuffer(qrCodeUrl, { type: 'png', width: 430, margin: 2 });
}
