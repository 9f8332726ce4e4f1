// WeCom's cap on company mass messages per customer or group (wecom-reference.md, doc 92135): as many per month as
// the month has days, or — the corp's choice in the WeCom admin — 7 per week or 1 per day. Periods start in China
// time (UTC+8), as WeCom counts them.
import type { CapPeriod } from '@siyu/contracts';

const CN_OFFSET_MS = 8 * 3_600_000;

export type CapWindow = { period: CapPeriod; start: Date; limit: number };

export function capWindow(period: CapPeriod, now: Date): CapWindow {
  const cn = new Date(now.getTime() + CN_OFFSET_MS);
  const y = cn.getUTCFullYear();
  const m = cn.getUTCMonth();
  const d = cn.getUTCDate();
  if (period === 'day') return { period, start: new Date(Date.UTC(y, m, d) - CN_OFFSET_MS), limit: 1 };
  if (period === 'week') {
    const sinceMonday = (cn.getUTCDay() + 6) % 7;
    return { period, start: new Date(Date.UTC(y, m, d - sinceMonday) - CN_OFFSET_MS), limit: 7 };
  }
  const days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return { period, start: new Date(Date.UTC(y, m, 1) - CN_OFFSET_MS), limit: days };
}
