// The guard rails on touching a customer (a message or reminder step): quiet hours, and the corp's budget of touches
// per day and per week across every flow and every mass message. A step over them waits (until the quiet hours end,
// or the next day or week) or is skipped, as the corp chose; the caller records which and why.
import type { SopSettings } from '@siyu/contracts';
import type { Tx } from '../../db/tenancy';
import { broadcastTouches } from '../broadcasts';
import { sopTouches } from './settings.repo';
import { nextCnDay, nextCnWeek, quietUntil } from './wait-until';

export type Verdict = { ok: true } | { ok: false; reason: 'quiet_hours' | 'contact_budget'; until: Date };
export type Budget = (customerId: string) => Verdict;

const DAY = 86_400_000;

/** A budget for these customers at `now`: each call for a customer that is allowed counts as one more touch. */
export async function contactBudget(tx: Tx, corpId: string, settings: SopSettings, customerIds: readonly string[], now: Date): Promise<Budget> {
  const quietEnd = quietUntil(now, settings.quietStart, settings.quietEnd);
  if (quietEnd) return () => ({ ok: false, reason: 'quiet_hours', until: quietEnd });
  if (!settings.maxPerDay && !settings.maxPerWeek) return () => ({ ok: true });
  const dayEnd = nextCnDay(now);
  const weekEnd = nextCnWeek(now);
  const dayStart = new Date(dayEnd.getTime() - DAY);
  const weekStart = new Date(weekEnd.getTime() - 7 * DAY);
  const since = new Date(Math.min(dayStart.getTime(), weekStart.getTime()));
  const touches = [...(await sopTouches(tx, corpId, customerIds, since)), ...(await broadcastTouches(tx, corpId, customerIds, since))];
  const counts = new Map<string, { day: number; week: number }>();
  const countOf = (id: string) => counts.get(id) ?? counts.set(id, { day: 0, week: 0 }).get(id)!;
  for (const t of touches) {
    const c = countOf(t.customerId);
    const at = new Date(t.at).getTime();
    // A touch due later today (a scheduled broadcast) uses today's budget too.
    if (at >= weekStart.getTime() && at < weekEnd.getTime()) c.week++;
    if (at >= dayStart.getTime() && at < dayEnd.getTime()) c.day++;
  }
  return (id) => {
    const c = countOf(id);
    if (settings.maxPerDay && c.day >= settings.maxPerDay) return { ok: false, reason: 'contact_budget', until: dayEnd };
    if (settings.maxPerWeek && c.week >= settings.maxPerWeek) return { ok: false, reason: 'contact_budget', until: weekEnd };
    c.day++;
    c.week++;
    return { ok: true };
  };
}
