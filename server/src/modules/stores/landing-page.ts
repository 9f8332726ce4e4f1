// The public store landing page: asks for the visitor's location, shows the nearest store's code, or a city list.
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function landingHtml(title: string, base: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f7fa;color:#1f2329}
main{max-width:420px;margin:0 auto;padding:24px 16px;text-align:center}
h1{font-size:20px}.card{background:#fff;border-radius:12px;padding:20px;margin-top:16px;box-shadow:0 2px 8px rgba(0,0,0,.06)}
img{width:240px;height:240px}.muted{color:#8f959e;font-size:13px}button{border:0;background:#07c160;color:#fff;border-radius:6px;padding:8px 16px;margin:4px;font-size:14px}
.city{margin-top:12px;text-align:left}.city h2{font-size:15px;margin:8px 0}
</style></head>
<body><main data-testid="store-landing"><h1>${esc(title)}</h1>
<div id="status" class="muted">正在获取您的位置… Locating you…</div>
<div id="result"></div></main>
<script>
(function(){
  var base=${JSON.stringify(base)};
  var status=document.getElementById('status'), result=document.getElementById('result');
  function esc(s){return String(s).replace(/[&<>"']/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c];});}
  function show(s){
    status.textContent='';
    result.innerHTML='<div class="card"><h2>'+esc(s.name)+'</h2><div class="muted">'+esc(s.city)+' '+esc(s.address||'')+
      (s.distanceKm!=null?' · '+s.distanceKm+' km':'')+'</div><img alt="QR" src="'+s.qrUrl+'"><div class="muted">'+
      (s.kind==='group'?'长按识别二维码加入门店社群':'长按识别二维码添加门店导购')+'</div></div>';
  }
  function cities(){
    status.textContent='请选择您所在城市的门店 Choose your store';
    fetch(base+'/cities').then(function(r){return r.json();}).then(function(d){
      result.innerHTML=(d.cities||[]).map(function(c){return '<div class="city card"><h2>'+esc(c.city)+'</h2>'+
        c.stores.map(function(s){return '<button data-id="'+s.id+'">'+esc(s.name)+'</button>';}).join('')+'</div>';}).join('');
      result.querySelectorAll('button').forEach(function(b){b.onclick=function(){
        fetch(base+'/stores/'+b.getAttribute('data-id')).then(function(r){return r.json();}).then(show);};});
    });
  }
  if(!navigator.geolocation){cities();return;}
  navigator.geolocation.getCurrentPosition(function(p){
    fetch(base+'/nearest?lat='+p.coords.latitude+'&lng='+p.coords.longitude).then(function(r){if(!r.ok)throw r;return r.json();}).then(show).catch(cities);
  },cities,{timeout:8000,maximumAge:600000});
})();
</script></body></html>`;
}
