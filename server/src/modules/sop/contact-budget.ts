// The guard rails on touching a customer (a message or reminder step): quiet hours; the corp's budget of touches per
// day and per week across every flow and every mass message; and, for a message step (a WeCom mass message), WeCom's
// own cap per customer (as many a month as it has days, 7 a week or 1 a day, as the corp set it), counting the
// corp's mass messages and SOP messages. A step over them waits (until the quiet hours end, the next day, week or cap
// period) or is skipped, as the corp chose; the caller records which and why.
import type { SopSettings } from '@siyu/contracts';
import type { Tx } from '../../db/tenancy';
import { broadcastTouches, massMessageCap } from '../broadcasts';
import { sopTouches } from './settings.repo';
import { nextCnDay, nextCnWeek, quietUntil } from './wait-until';

export type Verdict = { ok: true } | { ok: false; reason: 'quiet_hours' | 'contact_budget' | 'wecom_cap'; until: Date };
export type Budget = (customerId: string, kind: 'message' | 'remind') => Verdict;

const DAY = 86_400_000;

/** A budget for these customers at `now`: each call for a customer that is allowed counts as one more touch. */
export async function contactBudget(tx: Tx, corpId: string, settings: SopSettings, customerIds: readonly string[], now: Date): Promise<Budget> {
  const quietEnd = quietUntil(now, settings.quietStart, settings.quietEnd);
  if (quietEnd) return () => ({ ok: false, reason: 'quiet_hours', until: quietEnd });
  const cap = await massMessageCap(tx, corpId, now);
  const capEnd = nextPeriod(cap.period, now);
  const dayEnd = nextCnDay(now);
  const weekEnd = nextCnWeek(now);
  const dayStart = new Date(dayEnd.getTime() - DAY);
  const weekStart = new Date(weekEnd.getTime() - 7 * DAY);
  const since = new Date(Math.min(dayStart.getTime(), weekStart.getTime(), cap.start.getTime()));
  const inWindow = (at: number, from: Date, to: Date) => at >= from.getTime() && at < to.getTime();
  const counts = new Map<string, { day: number; week: number; mass: number }>();
  const countOf = (id: string) => counts.get(id) ?? counts.set(id, { day: 0, week: 0, mass: 0 }).get(id)!;
  // A touch due later today (a scheduled broadcast) uses today's budget too.
  const touches = [...(await sopTouches(tx, corpId, customerIds, since)), ...(await broadcastTouches(tx, corpId, customerIds, since)).map((t) => ({ ...t, kind: 'broadcast' as const }))];
  for (const t of touches) {
    const c = countOf(t.customerId);
    const at = new Date(t.at).getTime();
    if (inWindow(at, weekStart, weekEnd)) c.week++;
    if (inWindow(at, dayStart, dayEnd)) c.day++;
    if (t.kind !== 'remind' && inWindow(at, cap.start, capEnd)) c.mass++;
  }
  return (id, kind) => {
    const c = countOf(id);
    if (settings.maxPerDay && c.day >= settings.maxPerDay) return { ok: false, reason: 'contact_budget', until: dayEnd };
    if (settings.maxPerWeek && c.week >= settings.maxPerWeek) return { ok: false, reason: 'contact_budget', until: weekEnd };
    if (kind === 'message' && c.mass >= cap.limit) return { ok: false, reason: 'wecom_cap', until: capEnd };
    c.day++;
    c.week++;
    if (kind === 'message') c.mass++;
    return { ok: true };
  };
}

/** The start of the next cap period (China time). */
function nextPeriod(period: 'month' | 'week' | 'day', now: Date): Date {
  if (period === 'day') return nextCnDay(now);
  if (period === 'week') return nextCnWeek(now);
  const cn = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(cn.getUTCFullYear(), cn.getUTCMonth() + 1, 1) - 8 * 3_600_000);
}
