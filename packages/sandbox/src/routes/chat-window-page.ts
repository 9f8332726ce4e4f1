// The chat window page: plain HTML and a script served beside it (/sandbox/chat-window.js), no build step and no
// inline script. Names come from the sandbox's state, so the script writes them as text (textContent), never HTML.

export const CHAT_WINDOW_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>企业微信沙箱 · 聊天窗口 / WeCom sandbox · Chat window</title>
<style>
body{font:14px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#ededed;color:#222}
header{background:#2b2b2b;color:#fff;padding:8px 12px;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
header h1{font-size:15px;margin:0 8px 0 0}select,button{padding:4px 6px;border-radius:4px;border:1px solid #999}
button{background:#07c160;color:#fff;border:0;cursor:pointer}
main{display:flex;gap:12px;padding:12px;align-items:flex-start}
#chat{flex:1;min-width:260px;background:#f5f5f5;border-radius:6px;min-height:560px;display:flex;flex-direction:column}
#title{padding:10px;border-bottom:1px solid #ddd;font-weight:600}#msgs{padding:10px;display:flex;flex-direction:column;gap:8px}
.bubble{align-self:flex-end;max-width:80%;background:#95ec69;padding:6px 10px;border-radius:6px;white-space:pre-wrap;word-break:break-word}
.bubble small{display:block;color:#476;font-size:11px}
#side{width:390px;height:720px;border:0;background:#fff;border-radius:6px;box-shadow:0 1px 4px #0003}
@media (max-width:700px){main{flex-direction:column;padding:6px}#chat{min-height:0;width:100%}#side{width:100%;height:780px}}
</style></head><body>
<header><h1>聊天窗口 / Chat window</h1>
<label>员工 / Staff <select id="staff" data-testid="cw-staff"></select></label>
<label>客户或群 / Customer or group <select id="target" data-testid="cw-target"></select></label>
<button id="open" data-testid="cw-open">打开 / Open</button></header>
<main><section id="chat" data-testid="cw-chat"><div id="title">—</div><div id="msgs"></div></section>
<iframe id="side" data-testid="cw-frame" title="sidebar"></iframe></main>
<script src="/sandbox/chat-window.js"></script>
</body></html>`;

export const CHAT_WINDOW_JS = `(() => {
  const q = new URLSearchParams(location.search);
  const corp = q.get('corp') || '';
  const sidebar = q.get('sidebar') || '';
  let sidebarOrigin = '';
  try { sidebarOrigin = new URL(sidebar).origin; } catch (e) { sidebarOrigin = ''; }
  const $ = (id) => document.getElementById(id);
  const base = '/sandbox/corps/' + encodeURIComponent(corp) + '/chat-window';
  let options = { staff: [], follows: [], groups: [] };
  let current = null;
  // as @wecom/jssdk does: a call made after ww.register waits for its outcome; a call with no register fails
  let registered = null;
  async function call(path, body) {
    const res = await fetch(base + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) throw json;
    return json;
  }
  function option(sel, value, text) { const o = document.createElement('option'); o.value = value; o.textContent = text; sel.appendChild(o); }
  function fillTargets() {
    const sel = $('target'); sel.textContent = '';
    const userid = $('staff').value;
    for (const f of options.follows.filter((f) => f.userid === userid)) option(sel, 'c:' + f.external_userid, '👤 ' + f.name);
    for (const g of options.groups.filter((g) => g.owner === userid || g.staff.includes(userid))) option(sel, 'g:' + g.chat_id, '👥 ' + g.name);
  }
  function bubble(m) {
    const d = document.createElement('div'); d.className = 'bubble'; d.dataset.testid = 'cw-sent';
    const kind = document.createElement('small'); kind.textContent = m.msgtype; d.appendChild(kind);
    const body = m.msgtype === 'text' ? (m.text && m.text.content) : JSON.stringify(m[m.msgtype] || {});
    d.appendChild(document.createTextNode(body || ''));
    $('msgs').appendChild(d);
  }
  async function open() {
    const userid = $('staff').value; const t = $('target').value;
    if (!userid || !t) return;
    const body = t.startsWith('c:') ? { userid, external_userid: t.slice(2) } : { userid, chat_id: t.slice(2) };
    await call('/session', body);
    current = body;
    $('title').textContent = $('target').selectedOptions[0].textContent;
    $('msgs').textContent = '';
    registered = null;
    $('side').src = sidebar;
  }
  window.addEventListener('message', async (e) => {
    const data = e.data;
    if (!current || e.origin !== sidebarOrigin || !data || data.type !== 'siyu-jssdk') return;
    const reply = (msg) => e.source.postMessage(Object.assign({ type: 'siyu-jssdk', id: data.id }, msg), e.origin);
    try {
      let result;
      if (data.api !== 'register') {
        if (!registered) throw { errMsg: String(data.api) + ':fail not registered (ww.register first)' };
        await registered;
      }
      switch (data.api) {
        case 'register':
          registered = call('/verify', data.args).then((r) => { if (!/:ok$/.test(r.errMsg)) throw r; return r; });
          result = await registered;
          break;
        case 'getContext':
          result = { errMsg: 'getContext:ok', entry: current.external_userid ? 'single_chat_tools' : 'group_chat_tools' };
          break;
        case 'getCurExternalContact':
          if (!current.external_userid) throw { errMsg: 'getCurExternalContact:fail not a single chat' };
          result = { errMsg: 'getCurExternalContact:ok', userId: current.external_userid };
          break;
        case 'getCurExternalChat':
          if (!current.chat_id) throw { errMsg: 'getCurExternalChat:fail not a group chat' };
          result = { errMsg: 'getCurExternalChat:ok', chatId: current.chat_id };
          break;
        case 'sendChatMessage':
          result = await call('/sent', { message: data.args });
          bubble(data.args);
          break;
        default:
          throw { errMsg: String(data.api) + ':fail not supported by the sandbox' };
      }
      reply({ ok: true, result });
    } catch (err) {
      reply({ ok: false, error: err && err.errMsg ? err : { errMsg: String((err && err.message) || err) } });
    }
  });
  $('staff').addEventListener('change', fillTargets);
  $('open').addEventListener('click', () => { open().catch((err) => alert(JSON.stringify(err))); });
  call('/options').then((o) => {
    options = o;
    for (const s of o.staff) option($('staff'), s.userid, s.name + ' (' + s.userid + ')');
    if (q.get('userid')) $('staff').value = q.get('userid');
    fillTargets();
    const pre = q.get('external_userid') ? 'c:' + q.get('external_userid') : q.get('chat_id') ? 'g:' + q.get('chat_id') : '';
    if (pre && ![...$('target').options].some((o) => o.value === pre)) option($('target'), pre, pre.slice(2));
    if (pre) { $('target').value = pre; open().catch((err) => { $('title').textContent = JSON.stringify(err); }); }
  });
})();
`;
