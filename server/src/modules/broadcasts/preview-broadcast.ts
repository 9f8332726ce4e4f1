// The preview: the same audience query the planner inserts, only counted — recipients and exclusions per staff
// member (with names), the cap in force and the rule that picks one sender for a customer several staff follow.
import type { BroadcastPreview, ExclusionCounts, PreviewBroadcast } from '@siyu/contracts';
import { sql } from 'kysely';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { customerAudience, groupAudience, preferHashJoins } from './audience-sql';
import * as repo from './broadcasts.repo';
import { capWindow } from './cap-period';
import { CHUNK } from './plan-broadcast';

const DUPLICATE_RULE = {
  customer: 'one message per customer, sent by the staff member who added them first; their other staff members send nothing',
  group: 'one message per group, sent by its owner',
} as const;

const zero = (): ExclusionCounts => ({ not_friend: 0, cap: 0, opted_out: 0, excluded: 0, duplicate: 0 });

export async function previewBroadcast(ctx: AppContext, corpId: string, body: PreviewBroadcast, now = new Date()): Promise<BroadcastPreview> {
  return withCorp(ctx.db, corpId, async (tx) => {
    const settings = await repo.settings(tx, corpId);
    await preferHashJoins(tx);
    const cap = capWindow(settings.cap_period, now);
    const q = body.kind === 'customer' ? await customerAudience(tx, corpId, body.audience, cap, now) : groupAudience(corpId, body.audience, cap);
    const { rows } = await sql<{ staff_userid: string | null; reason: string | null; n: string }>`
      SELECT m.staff_userid, m.reason, count(*) AS n FROM (${q.members}) m GROUP BY m.staff_userid, m.reason`.execute(tx);
    const { rows: dups } = await sql<{ staff_userid: string | null; n: number }>`SELECT * FROM (${q.duplicates}) d`.execute(tx);
    const ids = [...new Set([...rows.map((r) => r.staff_userid), ...dups.map((d) => d.staff_userid)].filter((x): x is string => !!x))];
    const names = new Map<string, string>();
    if (ids.length > 0) {
      const { rows: staff } = await sql<{ userid: string; name: string }>`
        SELECT userid, name FROM staff WHERE corp_id = ${corpId} AND userid = ANY(${ids}::text[])`.execute(tx);
      for (const s of staff) names.set(s.userid, s.name);
    }
    const byStaff = new Map<string, BroadcastPreview['staff'][number]>();
    const row = (id: string | null) => {
      const key = id ?? '';
      let r = byStaff.get(key);
      if (!r) {
        r = { staffUserid: id, staffName: id ? (names.get(id) ?? id) : '—', recipients: 0, tasks: 0, excluded: zero() };
        byStaff.set(key, r);
      }
      return r;
    };
    const total = zero();
    let audience = 0;
    let recipients = 0;
    for (const r of rows) {
      const n = Number(r.n);
      audience += n;
      const s = row(r.staff_userid);
      if (!r.reason) {
        s.recipients += n;
        recipients += n;
      } else if (r.reason in total) {
        s.excluded[r.reason as keyof ExclusionCounts] += n;
        total[r.reason as keyof ExclusionCounts] += n;
      }
    }
    for (const d of dups) {
      row(d.staff_userid).excluded.duplicate += Number(d.n);
      total.duplicate += Number(d.n);
    }
    const keep = 1 - (body.holdoutPercent ?? 0) / 100;
    for (const s of byStaff.values()) s.tasks = Math.ceil((s.recipients * keep) / CHUNK[body.kind]);
    return {
      audience,
      recipients,
      holdoutEstimate: Math.round((recipients * (body.holdoutPercent ?? 0)) / 100),
      excluded: total,
      cap: { period: cap.period, limit: cap.limit },
      duplicateRule: DUPLICATE_RULE[body.kind],
      staff: [...byStaff.values()].sort((a, b) => b.recipients - a.recipients || a.staffName.localeCompare(b.staffName)),
    };
  });
}
