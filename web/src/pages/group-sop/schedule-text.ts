// How a push's time reads: the schedule in words and instants in Beijing time (Asia/Shanghai), whatever the
// browser's own time zone, since plans run on Beijing time.
import type { GroupSopSchedule } from '@siyu/contracts';
import type { MessageKey, Translate } from '../../i18n/messages';

export function shanghaiTime(iso: string | Date, locale: string): string {
  return new Date(iso).toLocaleString(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

export const weekdayKey = (d: number) => `groupSop.weekday.${d}` as MessageKey;

export function scheduleText(s: GroupSopSchedule, t: Translate, locale: string): string {
  if (s.kind === 'daily') return t('groupSop.schedule.daily', { time: s.time });
  if (s.kind === 'weekly') return t('groupSop.schedule.weekly', { days: s.weekdays.map((d) => t(weekdayKey(d))).join('、'), time: s.time });
  return t('groupSop.schedule.once', { at: shanghaiTime(s.at, locale) });
}

/** An <input type="datetime-local"> value read as Beijing time, and back. */
export const fromShanghaiLocal = (value: string) => new Date(`${value}:00+08:00`).toISOString();
export function toShanghaiLocal(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 16);
}
