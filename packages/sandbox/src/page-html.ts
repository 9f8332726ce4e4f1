// The "be a customer" page: plain HTML + a script served beside it (/sandbox/page.js), no build step. Names come
// from the sandbox's state, which anyone can fill, so the script writes them as text (textContent), never as HTML,
// and the page's Content-Security-Policy allows no inline script (see security-headers.ts).

export const PAGE_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>企业微信沙箱 · 扮演客户 / WeCom sandbox · Be a customer</title>
<style>
body{font:14px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f7;color:#222}
header{background:#1f6feb;color:#fff;padding:10px 16px}header h1{font-size:17px;margin:0}
main{display:grid;grid-template-columns:minmax(320px,1fr) minmax(320px,1fr);gap:12px;padding:12px}
section{background:#fff;border-radius:6px;padding:12px;box-shadow:0 1px 2px #0001}
h2{font-size:15px;margin:0 0 8px}label{display:block;margin:6px 0 2px;color:#555}
select,input{width:100%;box-sizing:border-box;padding:5px;border:1px solid #ccc;border-radius:4px}
button{margin:6px 6px 0 0;padding:5px 10px;border:0;border-radius:4px;background:#1f6feb;color:#fff;cursor:pointer}
button.ghost{background:#e8eef9;color:#1f6feb}.row{display:flex;gap:6px}.row>*{flex:1}
pre{background:#0d1117;color:#c9d1d9;padding:8px;border-radius:4px;max-height:260px;overflow:auto;font-size:12px;white-space:pre-wrap}
table{width:100%;border-collapse:collapse;font-size:12px}td,th{border-bottom:1px solid #eee;padding:3px;text-align:left}
.ok{color:#1a7f37}.bad{color:#cf222e}img.qr{width:120px;float:right}
</style></head><body>
<header><h1>企业微信沙箱 · 扮演客户 <small>WeCom sandbox · Be a customer</small></h1></header>
<main>
<section>
  <h2>1. 企业与客户 / Corp &amp; customer</h2>
  <label>企业 / Corp</label><select id="corp"></select>
  <label>我是 / I am (customer)</label><select id="customer"></select>
  <div class="row"><div><label>新客户名 / New customer name</label><input id="cname" placeholder="张三"></div>
  <div><label>手机 / Phone</label><input id="cphone" placeholder="13800000000"></div></div>
  <button id="create">创建客户 / Create customer</button>
</section>
<section>
  <h2>2. 扫码加好友 / Scan a channel code</h2>
  <img class="qr" id="qr" alt="">
  <label>渠道活码 / Contact way</label><select id="way"></select>
  <button id="scan">扫码 / Scan</button>
  <label>员工 / Staff</label><select id="staff"></select>
  <button id="add">添加员工 / Add staff</button>
  <button class="ghost" id="del">删除员工 / Delete staff</button>
  <button class="ghost" id="bedel">被删除 / Be deleted</button>
  <label>员工备注的手机号 / Phones the staff member notes (remark_mobiles)</label><input id="rmobiles" placeholder="13800000000, 13900000000">
  <button class="ghost" id="remark">保存备注手机号 / Save remark phones</button>
</section>
<section>
  <h2>3. 群 / Groups</h2>
  <label>群活码 / Join code</label><select id="join"></select>
  <button id="joinbtn">加入群 / Join group</button>
  <label>我的群 / My groups</label><select id="mygroup"></select>
  <button class="ghost" id="leave">退出群 / Leave group</button>
</section>
<section>
  <h2>4. 商城与小程序 / Shop &amp; mini-program</h2>
  <p id="shop" style="margin:0;color:#555">—</p>
  <label>链接 / Link URL</label><input id="url" value="https://example.com/article/1">
  <button id="open">打开链接 / Open link</button>
  <button id="form">提交表单 / Submit form</button>
  <label>商品 / Item</label><input id="item" value="烟台苹果 5斤">
  <div class="row"><div><label>金额 / Amount (¥)</label><input id="amount" value="199"></div>
  <div><label>直播分钟 / Live minutes</label><input id="minutes" value="12"></div></div>
  <button id="order">下单 / Place order</button>
  <button id="live">看直播 / Watch live</button>
</section>
<section style="grid-column:1/-1">
  <h2>结果 / Result</h2><pre id="out">—</pre>
  <h2>回调日志 / Callback log</h2>
  <table><thead><tr><th>#</th><th>Event</th><th>ChangeType</th><th>状态 / Status</th><th>尝试 / Attempts</th><th>Error</th></tr></thead><tbody id="log"></tbody></table>
</section>
</main>
<script src="/sandbox/page.js"></script></body></html>`;

export const PAGE_JS = `const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let snap = null;
async function call(method, path, body) {
  const res = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json();
  $('out').textContent = method + ' ' + path + ' → ' + res.status + '\\n' + JSON.stringify(json, null, 2);
  return json;
}
const corpId = () => $('corp').value;
const me = () => $('customer').value;
// Every name on this page comes from the sandbox's state, which anyone can fill: text goes in as text, never as HTML.
function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}
function fill(sel, items, keep) {
  const old = keep ?? sel.value;
  sel.replaceChildren(...items.map(([v, t]) => { const o = el('option', t); o.value = v; return o; }));
  if (items.some(([v]) => v === old)) sel.value = old;
}
async function loadCorps() {
  const { corps } = await (await fetch('/sandbox/corps')).json();
  fill($('corp'), corps.map((c) => [c.corp_id, c.name + ' (' + c.corp_id + ')']), params.get('corp') || undefined);
  await refresh();
}
async function refresh() {
  if (!corpId()) return;
  snap = await (await fetch('/sandbox/corps/' + corpId() + '/state?limit=300')).json();
  fill($('customer'), snap.customers.slice().reverse().map((c) => [c.external_userid, c.name + ' · ' + c.external_userid.slice(0, 10) + '…']));
  fill($('way'), snap.contact_ways.map((w) => [w.config_id, (w.remark || w.state || w.config_id) + ' [' + w.user.join(',') + ']']), params.get('code') || undefined);
  fill($('join'), snap.join_ways.map((w) => [w.config_id, (w.remark || w.room_base_name || w.config_id) + ' (' + w.chat_id_list.length + ' 群)']), params.get('code') || undefined);
  fill($('staff'), snap.staff.filter((s) => s.status === 1).map((s) => [s.userid, s.name + ' (' + s.userid + ')']));
  fill($('mygroup'), snap.groups.filter((g) => !g.dismissed && g.members.some((m) => m.userid === me())).map((g) => [g.chat_id, g.name]));
  const way = snap.contact_ways.find((w) => w.config_id === $('way').value);
  $('qr').src = way && way.qr_code ? way.qr_code : '';
  const log = await (await fetch('/sandbox/callbacks?corp_id=' + corpId() + '&limit=30')).json();
  $('log').replaceChildren(...log.callbacks.slice().reverse().map((e) => {
    const tr = el('tr');
    tr.append(el('td', e.id), el('td', e.event), el('td', e.change_type),
      el('td', e.status, e.status === 'delivered' ? 'ok' : e.status === 'failed' ? 'bad' : ''), el('td', e.attempts), el('td', e.last_error || ''));
    return tr;
  }));
}
const act = (fn) => async () => { await fn(); setTimeout(refresh, 300); await refresh(); };
$('corp').onchange = refresh; $('customer').onchange = refresh; $('way').onchange = refresh;
$('create').onclick = act(async () => {
  const c = await call('POST', '/sandbox/corps/' + corpId() + '/customers', { name: $('cname').value || '微信用户', phone: $('cphone').value || undefined });
  await refresh(); if (c.external_userid) $('customer').value = c.external_userid;
});
$('scan').onclick = act(() => call('POST', '/sandbox/corps/' + corpId() + '/scan-contact-way', { external_userid: me(), config_id: $('way').value }));
$('add').onclick = act(() => call('POST', '/sandbox/corps/' + corpId() + '/add-friend', { external_userid: me(), userid: $('staff').value }));
$('remark').onclick = act(() => call('POST', '/sandbox/corps/' + corpId() + '/edit-customer', { external_userid: me(), userid: $('staff').value, remark_mobiles: $('rmobiles').value.split(/[\\s,，;；]+/).filter(Boolean) }));
$('del').onclick = act(() => call('POST', '/sandbox/corps/' + corpId() + '/customer-deletes-staff', { external_userid: me(), userid: $('staff').value }));
$('bedel').onclick = act(() => call('POST', '/sandbox/corps/' + corpId() + '/staff-deletes-customer', { external_userid: me(), userid: $('staff').value }));
$('joinbtn').onclick = act(() => call('POST', '/sandbox/corps/' + corpId() + '/join-group', { external_userid: me(), config_id: $('join').value }));
$('leave').onclick = act(() => call('POST', '/sandbox/corps/' + corpId() + '/leave-group', { external_userid: me(), chat_id: $('mygroup').value }));
// The shop's actions go to Siyu through its signed events webhook (shop.routes.ts); the result shows Siyu's answer.
const shop = (kind, body) => call('POST', '/sandbox/corps/' + corpId() + '/shop/' + kind, Object.assign({ external_userid: me() }, body));
$('open').onclick = act(() => shop('link', { url: $('url').value }));
$('form').onclick = act(() => shop('form', { form: '会员报名表', answers: { name: '张三', city: '上海' } }));
$('order').onclick = act(() => shop('order', { amount: Number($('amount').value), item: $('item').value }));
$('live').onclick = act(() => shop('live', { room: '周末直播', minutes: Number($('minutes').value) }));
async function shopStatus() {
  if (!corpId()) return;
  const hook = await (await fetch('/sandbox/corps/' + corpId() + '/shop-webhook')).json();
  $('shop').textContent = hook.configured ? '→ ' + hook.url : '未连接 Siyu 的事件 webhook / Siyu events webhook not set';
}
$('corp').addEventListener('change', shopStatus);
$('corp').addEventListener('change', () => params.delete('code'));
loadCorps().then(shopStatus); setInterval(refresh, 3000);
`;
