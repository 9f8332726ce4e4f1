// A participant's fission poster as a PNG a customer can save and share in WeChat: the campaign's picture from the
// material library (when one was picked), its title and text, the participant's avatar and name, and their own QR
// code. Drawn as SVG and rendered by resvg off the event loop, with a Chinese font that ships with Siyu (ZCOOL KuaiLe,
// OFL), so a fresh machine without CJK fonts draws the same poster.
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import QRCode from 'qrcode';

const FONT = 'ZCOOL KuaiLe';
const fontFile = createRequire(import.meta.url).resolve('@expo-google-fonts/zcool-kuaile/400Regular/ZCOOLKuaiLe_400Regular.ttf');

const W = 750;
const H = 1334;

export type PosterInput = {
  background: string;
  title: string;
  text: string;
  participantName: string;
  /** The library picture, drawn across the top. */
  picture: { data: Buffer; mimeType: string } | null;
  avatar: { data: Buffer; mimeType: string } | null;
  qrContent: string;
};

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const dataUri = (f: { data: Buffer; mimeType: string }) => `data:${f.mimeType};base64,${f.data.toString('base64')}`;

/** Lines of at most `width` px, a CJK character counting as one em and anything else as about half. */
export function wrapText(text: string, fontSize: number, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    let used = 0;
    for (const ch of paragraph) {
      const w = /[\u2e80-\uffff]/.test(ch) ? fontSize : fontSize * 0.55;
      if (used + w > width && line) {
        lines.push(line);
        line = '';
        used = 0;
      }
      line += ch;
      used += w;
    }
    lines.push(line);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${[...kept[maxLines - 1]].slice(0, -1).join('')}…`;
  return kept;
}

const hex = (c: string, fallback: string) => (/^#[0-9a-fA-F]{6}$/.test(c) ? c : fallback);

export async function renderPoster(p: PosterInput): Promise<Buffer> {
  const bg = hex(p.background, '#fff5e6');
  const qr = await QRCode.toBuffer(p.qrContent, { type: 'png', width: 360, margin: 2 });
  const top = p.picture ? 520 : 120;
  const title = wrapText(p.title, 56, W - 100, 2);
  const body = wrapText(p.text, 34, W - 120, 4);
  const lines = (ls: string[], y0: number, step: number, size: number, fill: string) =>
    ls.map((l, i) => `<text x="${W / 2}" y="${y0 + i * step}" font-size="${size}" text-anchor="middle" fill="${fill}">${esc(l)}</text>`).join('');
  const titleY = top + 90;
  const bodyY = titleY + title.length * 68 + 10;
  const titleSvg = lines(title, titleY, 68, 56, '#222');
  const bodySvg = lines(body, bodyY, 48, 34, '#555');
  const personY = Math.max(bodyY + body.length * 48 + 40, 900);
  const initial = esc([...p.participantName.trim()][0] ?? '?');
  const avatar = p.avatar
    ? `<clipPath id="a"><circle cx="130" cy="${personY}" r="44"/></clipPath><image href="${dataUri(p.avatar)}" x="86" y="${personY - 44}" width="88" height="88" clip-path="url(#a)" preserveAspectRatio="xMidYMid slice"/>`
    : `<circle cx="130" cy="${personY}" r="44" fill="#f08c2e"/><text x="130" y="${personY + 15}" font-size="42" text-anchor="middle" fill="#fff">${initial}</text>`;
  const name = wrapText(p.participantName, 36, 300, 1)[0];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="${FONT}">
<rect width="${W}" height="${H}" fill="${bg}"/>
${p.picture ? `<image href="${dataUri(p.picture)}" x="0" y="0" width="${W}" height="${top}" preserveAspectRatio="xMidYMid slice"/>` : ''}
${titleSvg}${bodySvg}
${avatar}
<text x="196" y="${personY - 6}" font-size="36" fill="#222">${esc(name)}</text>
<text x="196" y="${personY + 36}" font-size="28" fill="#777">邀请你扫码加好友，一起领好礼</text>
<rect x="${W - 270}" y="${H - 300}" width="230" height="230" rx="16" fill="#fff"/>
<image href="data:image/png;base64,${qr.toString('base64')}" x="${W - 262}" y="${H - 292}" width="214" height="214"/>
<text x="60" y="${H - 200}" font-size="34" fill="#222">长按识别二维码</text>
<text x="60" y="${H - 150}" font-size="28" fill="#777">添加好友即可助力</text>
</svg>`;
  const image = await renderAsync(svg, { font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: FONT } });
  return image.asPng();
}
