// CSV / XLSX order import: one row per order item, rows of the same order_no make one order. Each bad row is
// reported; the good orders go through the same ingestion as the events API.
import type { OrderRowCode, OrderRowError } from '@siyu/contracts';
import { DomainError } from '../../http/errors';
import { openSpreadsheet } from '../../platform/spreadsheets';

export type ImportFormat = 'csv' | 'xlsx';
export type RowError = OrderRowError;

const ALIASES: Record<string, string> = {
  order_no: 'order_no', 订单号: 'order_no', paid_at: 'paid_at', 支付时间: 'paid_at', amount: 'amount', 金额: 'amount', 订单金额: 'amount',
  external_userid: 'external_userid', unionid: 'unionid', openid: 'openid', phone: 'phone', 手机号: 'phone', member_id: 'member_id', 会员号: 'member_id',
  sku: 'sku', name: 'name', item_name: 'name', 商品名称: 'name', category: 'category', 品类: 'category', quantity: 'quantity', 数量: 'quantity',
  price: 'price', 单价: 'price', store_id: 'store_id', 门店: 'store_id', staff_userid: 'staff_userid', 导购: 'staff_userid',
};

type Row = Record<string, string>;

// The request body is at most 1 MB; the row limit bounds what a compressed XLSX can unfold into.
const MAX_ORDER_ROWS = 20_000;
const MAX_FILE_BYTES = 1_000_000;

/** Each data row with its row number in the file. */
async function readRows(format: ImportFormat, content: string): Promise<Array<[number, Row]>> {
  const sheet = await openSpreadsheet(Buffer.from(content, format === 'csv' ? 'utf8' : 'base64'), {
    format,
    maxRows: MAX_ORDER_ROWS,
    maxBytes: MAX_FILE_BYTES,
    codes: { unreadable: 'invalid_file', empty: 'invalid_file', tooManyRows: 'invalid_file', tooLarge: 'invalid_file' },
  });
  const header = sheet.header.cells.map((h) => ALIASES[h.trim().toLowerCase()] ?? ALIASES[h.trim()] ?? '');
  if (!header.includes('order_no') || !header.includes('paid_at')) {
    await sheet.rows.return();
    throw new DomainError('invalid_file', 'order_no and paid_at columns are required');
  }
  const rows: Array<[number, Row]> = [];
  for await (const { rowNo, cells } of sheet.rows) {
    const r: Row = {};
    header.forEach((h, i) => {
      if (h) r[h] = (cells[i] ?? '').trim();
    });
    rows.push([rowNo, r]);
  }
  return rows;
}

export type ImportedOrder = { rows: number[]; event: Record<string, unknown> };

/** Rows → one order event per order_no, plus the rows that could not be read. Row numbers are the file's (header = 1). */
export async function ordersFromFile(format: ImportFormat, content: string): Promise<{ orders: ImportedOrder[]; errors: RowError[] }> {
  const rows = await readRows(format, content);
  const errors: RowError[] = [];
  const orders = new Map<string, ImportedOrder & { items: Array<Record<string, unknown>>; amount: number | null }>();
  rows.forEach(([row, r]) => {
    const bad = (code: OrderRowCode, message: string) => errors.push({ row, code, message });
    if (!r.order_no) return bad('order_no_missing', 'order_no is empty');
    const paid = Date.parse(r.paid_at?.replace(' ', 'T') ?? '');
    if (Number.isNaN(paid)) return bad('paid_at_invalid', 'paid_at is not a date');
    const quantity = r.quantity ? Number(r.quantity) : 1;
    const price = r.price ? Number(r.price) : undefined;
    const amount = r.amount ? Number(r.amount) : null;
    if (!Number.isFinite(quantity) || quantity <= 0) return bad('quantity_invalid', 'quantity must be a positive number');
    if (price !== undefined && !(price >= 0)) return bad('price_invalid', 'price must be a number ≥ 0');
    if (amount !== null && !(amount >= 0)) return bad('amount_invalid', 'amount must be a number ≥ 0');
    const customer: Record<string, string> = {};
    if (r.external_userid) customer.externalUserid = r.external_userid;
    if (r.unionid) customer.unionid = r.unionid;
    if (r.openid) customer.openid = r.openid;
    if (r.phone) customer.phone = r.phone;
    if (r.member_id) customer.memberId = r.member_id;
    if (Object.keys(customer).length === 0) return bad('no_identity', 'no customer identity (external_userid, unionid, openid, phone or member_id)');
    let o = orders.get(r.order_no);
    if (!o) {
      o = {
        rows: [],
        items: [],
        amount: null,
        event: { id: `order:${r.order_no}`, type: 'order', occurredAt: new Date(paid).toISOString(), customer, properties: {} },
      };
      orders.set(r.order_no, o);
    }
    o.rows.push(row);
    if (amount !== null) o.amount = amount;
    if (r.sku || r.name) {
      o.items.push({ sku: r.sku || r.name, name: r.name || r.sku, ...(r.category ? { category: r.category } : {}), quantity, ...(price !== undefined ? { price } : {}) });
    }
    o.event.properties = {
      orderNo: r.order_no,
      ...(r.store_id ? { storeId: r.store_id } : {}),
      ...(r.staff_userid ? { staffUserid: r.staff_userid } : {}),
    };
  });
  const out = [...orders.values()].map((o) => {
    const amount = o.amount ?? o.items.reduce((s, it) => s + Number(it.price ?? 0) * Number(it.quantity), 0);
    return { rows: o.rows, event: { ...o.event, properties: { ...(o.event.properties as object), amount: Math.round(amount * 100) / 100, items: o.items } } };
  });
  return { orders: out, errors };
}
