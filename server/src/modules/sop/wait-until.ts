// When a wait ends, in Asia/Shanghai time (UTC+8, no daylight saving): after a duration, at the next time of day, on
// the next weekday at a time, or at an event wait's timeout. Also the China-time day helpers the engine shares.
import type { SopWait } from '@siyu/contracts';

const CN = 8 * 3_600_000;
const DAY = 86_400_000;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The China-time calendar day of an instant, 'YYYY-MM-DD'. */
export const cnDay = (d: Date): string => new Date(d.getTime() + CN).toISOString().slice(0, 10);

/** The instant of `hhmm` China time on the China-time day `day` ('YYYY-MM-DD'). */
export const atCn = (day: string, hhmm: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - CN + minutesOf(hhmm) * 60_000);

/** The start of the next China-time day after `d`. */
export const nextCnDay = (d: Date): Date => new Date(Math.floor((d.getTime() + CN) / DAY) * DAY + DAY - CN);

/** The start of the next China-time week (Monday) after `d`. */
export function nextCnWeek(d: Date): Date {
  const local = new Date(d.getTime() + CN);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  return new Date(Math.floor(local.getTime() / DAY) * DAY + (7 - sinceMonday) * DAY - CN);
}

/** The next instant after `from` when the China-time clock shows `hhmm` (on `weekday` 1–7 = Mon–Sun, if given). */
export function nextAt(from: Date, hhmm: string, weekday?: number): Date {
  const day = cnDay(from);
  for (let i = 0; i <= 7; i++) {
    const candidate = new Date(atCn(day, hhmm).getTime() + i * DAY);
    if (candidate <= from) continue;
    const wd = ((new Date(candidate.getTime() + CN).getUTCDay() + 6) % 7) + 1;
    if (weekday === undefined || wd === weekday) return candidate;
  }
  throw new Error('unreachable: a weekday comes within 8 days');
}

/** When a wait that starts at `from` ends (for an event wait: its timeout). */
export function waitEnd(wait: SopWait, from: Date): Date {
  switch (wait.type) {
    case 'duration':
      return new Date(from.getTime() + wait.minutes * 60_000);
    case 'time_of_day':
      return nextAt(from, wait.time);
    case 'weekday':
      return nextAt(from, wait.time, wait.weekday);
    case 'event':
      return new Date(from.getTime() + wait.timeoutMinutes * 60_000);
  }
}

/** Whether `at` falls in quiet hours [start, end) China time (wrapping midnight when start > end); its end if so. */
export function quietUntil(at: Date, start: string | null, end: string | null): Date | null {
  if (!start || !end || start === end) return null;
  const m = Math.floor(((at.getTime() + CN) % DAY) / 60_000);
  const s = minutesOf(start);
  const e = minutesOf(end);
  const inside = s < e ? m >= s && m < e : m >= s || m < e;
  return inside ? nextAt(at, end) : null;
}
