// Time helpers. WeCom counts days and months in China time (UTC+8).

const CN_OFFSET_MS = 8 * 3600 * 1000;

export function toSec(ms: number): number {
  return Math.floor(ms / 1000);
}

/** 'YYYY-MM' in China time. */
export function monthKey(ms: number): string {
  const d = new Date(ms + CN_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Days in the China-time month containing `ms` — the monthly mass-message cap. */
export function daysInMonth(ms: number): number {
  const d = new Date(ms + CN_OFFSET_MS);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Unix seconds of China-time midnight of the day containing `sec`. */
export function dayStartSec(sec: number): number {
  const offset = CN_OFFSET_MS / 1000;
  return Math.floor((sec + offset) / 86400) * 86400 - offset;
}
