// Timed entries: once a China-time day, when a flow's entry time has come, the customers added N days before or whose
// yearly date falls then enter it (one query per flow, not a loop over customers). The day is remembered per flow,
// and the entry key carries it, so a second scan (or server) that day enters nobody twice.
import type { Tx } from '../../db/tenancy';
import { enter } from './enter-flows';
import { markScanned, timedFlows } from './flows.repo';
import { addedDaysBefore, yearlyDateOn } from './timed-entries.repo';
import { atCn, cnDay } from './wait-until';

export async function scanTimedEntries(tx: Tx, corpId: string, now: Date): Promise<number> {
  const today = cnDay(now);
  let entered = 0;
  for (const flow of await timedFlows(tx, corpId)) {
    const entry = flow.entry;
    if (entry.kind === 'event' || flow.scannedOn === today || now < atCn(today, entry.at)) continue;
    const ids = entry.kind === 'days_after_add' ? await addedDaysBefore(tx, corpId, today, entry.days) : await yearlyDateOn(tx, corpId, entry.field, today, entry.offsetDays);
    entered += await enter(tx, corpId, flow, ids, now, () => null, today);
    await markScanned(tx, corpId, flow.id, today);
  }
  return entered;
}
