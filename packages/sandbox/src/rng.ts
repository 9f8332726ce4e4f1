// Seeded PRNG (mulberry32) and id helpers: same seed → same sequence.

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Turns any string or number into a 32-bit seed. */
export function seedOf(seed: string | number): number {
  if (typeof seed === 'number' && Number.isFinite(seed)) return seed >>> 0;
  const s = String(seed);
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

export function randomChars(rng: Rng, n: number, alphabet: string = ALNUM): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}

export function randomHex(rng: Rng, n: number): string {
  return randomChars(rng, n, HEX);
}

export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** WeCom-like ids: external_userid "wm…", chat_id "wr…", tag/group "et…". */
export const ids = {
  externalUserid: (rng: Rng) => 'wm' + randomChars(rng, 30),
  chatId: (rng: Rng) => 'wr' + randomChars(rng, 30),
  tagId: (rng: Rng) => 'et' + randomChars(rng, 30),
  configId: (rng: Rng) => randomHex(rng, 32),
  msgid: (rng: Rng) => 'msg' + randomChars(rng, 29),
  unionid: (rng: Rng) => 'o' + randomChars(rng, 27),
};
