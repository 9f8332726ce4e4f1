// Which staff a channel code should offer right now: the schedule's rules for this weekday and time (or every
// staff member without a schedule), minus those over today's cap, else the backups. Pure: the caller supplies
// the clock and today's adds per staff member.
import type { ScheduleRule, TimeWindow } from '../../db/schema';

export const CHANNEL_TIMEZONE = 'Asia/Shanghai';

export type LocalTime = { weekday: number; minutes: number; day: string };

/** Weekday 1 (Monday) … 7 (Sunday), minutes since midnight and the date, in the corp's time zone. */
export function localTime(at: Date, timeZone = CHANNEL_TIMEZONE): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { weekday, minutes: Number(get('hour')) * 60 + Number(get('minute')), day: `${get('year')}-${get('month')}-${get('day')}` };
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** start ≤ t < end; a window whose end is before its start runs over midnight. */
export function inWindow(w: TimeWindow, minutes: number): boolean {
  const s = toMinutes(w.start);
  const e = toMinutes(w.end);
  if (s === e) return true;
  return s < e ? minutes >= s && minutes < e : minutes >= s || minutes < e;
}

export type RotationInput = {
  staffUserids: string[];
  backupUserids: string[];
  schedule: ScheduleRule[];
  dailyCap: number | null;
  skipVerify: boolean;
  autoAccept: TimeWindow | null;
};

export type Rotation = { userids: string[]; skipVerify: boolean; reason: 'scheduled' | 'backup' | 'fallback' };

export function desiredRotation(code: RotationInput, now: LocalTime, addsToday: ReadonlyMap<string, number>): Rotation {
  const scheduled = code.schedule.length
    ? code.schedule
        .filter((r) => r.weekdays.includes(now.weekday) && inWindow(r, now.minutes))
        .flatMap((r) => r.userids)
    : code.staffUserids;
  const unique = (xs: string[]) => xs.filter((u, i) => xs.indexOf(u) === i);
  const underCap = (u: string) => code.dailyCap === null || (addsToday.get(u) ?? 0) < code.dailyCap;
  const skipVerify = code.autoAccept ? inWindow(code.autoAccept, now.minutes) : code.skipVerify;
  const primary = unique(scheduled).filter(underCap);
  if (primary.length) return { userids: primary, skipVerify, reason: 'scheduled' };
  const backups = unique(code.backupUserids);
  if (backups.length) return { userids: backups, skipVerify, reason: 'backup' };
  // WeCom refuses an empty list: keep the least-loaded staff member rather than breaking the code.
  const all = unique([...code.staffUserids, ...code.schedule.flatMap((r) => r.userids)]);
  const least = [...all].sort((a, b) => (addsToday.get(a) ?? 0) - (addsToday.get(b) ?? 0))[0];
  return { userids: least ? [least] : [], skipVerify, reason: 'fallback' };
}

/** `{{name}}` → the customer's name. */
export function mergeWelcomeText(text: string, name: string): string {
  return text.replace(/\{\{\s*name\s*\}\}/g, name);
}
