// Stores and the public store landing page: spreadsheet import with per-row errors, nearest store by location,
// city-list fallback, QR image, and per-store scans and adds.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../helpers/until';
import { startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwstores000001';
let h: Harness;
let staff: string;

type StoreRow = { id: string; name: string; city: string; lat: number | null; scans: number; adds: number; joins: number };
const stores = async () => (await h.api<{ items: StoreRow[] }>('GET', '/api/stores')).body.items;

beforeAll(async () => {
  h = await startHarness(CORP);
  await h.sb(`/sandbox/corps/${CORP}/population`, { staff: 1, customers: 0, groups: 0, seed: 'st' });
  staff = (await h.sb<{ staff: Array<{ userid: string }> }>(`/sandbox/corps/${CORP}/state`)).staff[0].userid;
}, 60_000);
afterAll(async () => h?.close());

describe('stores', () => {
  it('imports a CSV: good rows in, each bad row reported', async () => {
    const csv = [
      'name,city,address,lat,lng',
      '静安店,上海,南京西路 1 号,31.2290,121.4480',
      '朝阳店,北京,建国路 8 号,39.9087,116.4605',
      '坏坐标店,上海,,91,121',
      '静安店,上海,重复,31.1,121.1',
      '无城市店,,,,',
      '',
    ].join('\n');
    const res = await h.api<{ total: number; imported: number; updated: number; errors: Array<{ row: number; message: string }> }>('POST', '/api/stores/import', {
      fileName: 'stores.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 5, imported: 2, updated: 0 });
    expect(res.body.errors.map((e) => e.row)).toEqual([4, 5, 6]);
    expect(res.body.errors[1].message).toMatch(/duplicate/);
    expect((await stores()).map((s) => s.name).sort()).toEqual(['朝阳店', '静安店']);
  });

  it('imports an XLSX with Chinese headers and updates stores by name', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('门店');
    sheet.addRow(['门店名称', '城市', '地址', '纬度', '经度']);
    sheet.addRow(['天河店', '广州', '天河路 2 号', 23.1322, 113.3266]);
    sheet.addRow(['朝阳店', '北京', '建国路 9 号', 39.9087, 116.4605]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await h.api<{ imported: number; updated: number; errors: unknown[] }>('POST', '/api/stores/import', {
      fileName: 'stores.xlsx',
      contentBase64: buf.toString('base64'),
    });
    expect(res.body).toMatchObject({ imported: 1, updated: 1, errors: [] });
    const bad = await h.api<{ code: string }>('POST', '/api/stores/import', { fileName: 'x.xlsx', contentBase64: Buffer.from('nope').toString('base64') });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('store_import_invalid');
  });

  it('serves a public landing page that finds the nearest store, with a city-list fallback, and counts scans and adds', async () => {
    const code = await h.api<{ id: string; configId: string }>('POST', '/api/channels', { name: '静安店导购', staffUserids: [staff] });
    expect(code.status).toBe(201);
    const all = await stores();
    const jingan = all.find((s) => s.name === '静安店')!;
    const put = await h.api('PUT', `/api/stores/${jingan.id}`, { name: '静安店', city: '上海', address: '南京西路 1 号', lat: 31.229, lng: 121.448, channelId: code.body.id });
    expect(put.status).toBe(200);
    const landing = await h.api<{ id: string }>('POST', '/api/store-codes', { name: '全国门店', title: '找到离你最近的门店' });
    expect(landing.status).toBe(201);
    const base = `/s/${CORP}/${landing.body.id}`;

    const page = await h.app.app.inject({ method: 'GET', url: base });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('找到离你最近的门店');
    expect(page.body).toContain('geolocation');

    const near = await h.app.app.inject({ method: 'GET', url: `${base}/nearest?lat=31.2304&lng=121.4737` });
    expect(near.statusCode).toBe(200);
    expect(near.json()).toMatchObject({ id: jingan.id, name: '静安店', kind: 'staff' });
    expect(near.json().distanceKm).toBeLessThan(5);
    const qr = await h.app.app.inject({ method: 'GET', url: near.json().qrUrl });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toBe('image/png');

    const cities = await h.app.app.inject({ method: 'GET', url: `${base}/cities` });
    expect(cities.json().cities).toEqual([{ city: '上海', stores: [expect.objectContaining({ id: jingan.id })] }]);
    const chosen = await h.app.app.inject({ method: 'GET', url: `${base}/stores/${jingan.id}` });
    expect(chosen.json().qrUrl).toBe(near.json().qrUrl);
    const bad = await h.app.app.inject({ method: 'GET', url: `${base}/nearest?lat=200&lng=1` });
    expect(bad.statusCode).toBe(400);
    const otherCorp = await h.app.app.inject({ method: 'GET', url: `/s/nosuchcorp/${landing.body.id}` });
    expect(otherCorp.statusCode).toBe(404);

    const c = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '路人甲' });
    await h.sb(`/sandbox/corps/${CORP}/scan-contact-way`, { external_userid: c.external_userid, config_id: code.body.configId });
    const row = await until('store add counted', async () => (await stores()).find((s) => s.id === jingan.id && s.adds === 1), 5000, 100);
    expect(row).toMatchObject({ scans: 2, adds: 1, joins: 0 });
    const codes = await h.api<{ items: Array<{ id: string; visits: number }> }>('GET', '/api/store-codes');
    expect(codes.body.items[0].visits).toBe(1);
  });
});
