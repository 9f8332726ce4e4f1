// Words for the codes and notes the SOP API returns: why a step waits longer (held reasons) and the dry run's notes.
// A note or reason the console does not know shows as the server sent it.
import type { MessageKey, Translate } from '../../i18n/messages';

const HELD: Record<string, MessageKey> = { quiet_hours: 'sop.held.quiet_hours', contact_budget: 'sop.held.contact_budget', wecom_cap: 'sop.held.wecom_cap' };

/** Dry-run notes by code, or by the sentence the server writes today. */
const NOTES: Array<{ code: string; match: RegExp; key: MessageKey }> = [
  { code: 'branches_today', match: /today.s data/i, key: 'sop.dryRun.note.branchesToday' },
  { code: 'waiting_counted', match: /still waiting/i, key: 'sop.dryRun.note.waitingCounted' },
  { code: 'tags_not_replayed', match: /not replayed/i, key: 'sop.dryRun.note.tagsNotReplayed' },
];

export function heldReasonText(t: Translate, reason: string): string {
  return HELD[reason] ? t(HELD[reason]) : reason;
}

export function dryRunNoteText(t: Translate, note: string): string {
  const known = NOTES.find((n) => n.code === note || n.match.test(note));
  return known ? t(known.key) : note;
}
