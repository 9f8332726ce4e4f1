// Mainland mobile numbers: 11 digits starting 1[3-9]; spaces, dashes and a +86 / 0086 prefix are tolerated.
const MOBILE = /^1[3-9]\d{9}$/;

export function normalizePhone(raw: string): string | null {
  let p = raw.replace(/[\s\-()（）]/g, '');
  if (p.startsWith('+86')) p = p.slice(3);
  else if (p.startsWith('0086')) p = p.slice(4);
  else if (p.length === 13 && p.startsWith('86')) p = p.slice(2);
  return MOBILE.test(p) ? p : null;
}
