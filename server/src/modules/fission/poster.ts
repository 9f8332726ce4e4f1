// A participant's progress page: the campaign's title and text, its picture from the material library (when one was
// picked), their poster (poster-image.ts) and live progress.
import type { FissionPoster } from '../../db/schema-leads-fission';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export type ProgressView = {
  campaignName: string;
  name: string;
  goal: number;
  credits: number;
  completed: boolean;
  reward: { code: string | null; link: string | null } | null;
  poster: FissionPoster;
  endsAt: Date;
};

export function progressHtml(token: string, v: ProgressView): string {
  const pct = Math.min(100, Math.round((v.credits / v.goal) * 100));
  const bg = /^#[0-9a-fA-F]{6}$/.test(v.poster.background) ? v.poster.background : '#fff5e6';
  const reward = v.reward
    ? `<p class="ok">🎉 已完成！${v.reward.code ? `兑换码：<b>${esc(v.reward.code)}</b>` : ''}${v.reward.link ? ` <a href="${esc(v.reward.link)}">领取奖励</a>` : ''}</p>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(v.poster.title || v.campaignName)}</title>
<style>body{margin:0;font-family:system-ui,sans-serif;background:${bg};color:#222}main{max-width:420px;margin:0 auto;padding:24px;text-align:center}
h1{font-size:22px}img{width:260px;border-radius:8px}img.bg{width:100%;display:block;margin:0 0 12px}.bar{height:14px;background:#eee;border-radius:7px;overflow:hidden}
.bar>i{display:block;height:100%;background:#fa8c16;width:${pct}%}.ok{color:#389e0d;font-size:18px}</style></head>
<body><main data-testid="fission-progress"><h1>${esc(v.poster.title || v.campaignName)}</h1><p>${esc(v.poster.text)}</p>
${v.poster.materialId ? `<img class="bg" alt="" data-testid="fission-poster-background" src="/p/fission/${esc(token)}/background">` : ''}
<img alt="poster" src="/p/fission/${esc(token)}/poster.png"><p>${esc(v.name)}，已邀请 <b id="credits">${v.credits}</b> / ${v.goal} 位好友</p>
<div class="bar"><i></i></div>${reward}<p style="font-size:12px;color:#888">活动截止 ${v.endsAt.toISOString().slice(0, 10)}</p></main>
<script>setInterval(async()=>{try{const r=await fetch('/api/fission/progress/${esc(token)}');if(r.ok){const j=await r.json();
if(j.credits!==${v.credits}||j.completed!==${v.completed})location.reload()}}catch{}},5000)</script></body></html>`;
}
