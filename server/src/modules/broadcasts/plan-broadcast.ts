// Planning a broadcast, in one transaction and set-based: the broadcast row, every audience member with their role
// (send / holdout / excluded and why), variant and task (one per sending staff member, variant and chunk of at most
// 10,000 customers or 2,000 groups), the tasks, and the durable send job — so everything WeCom will be asked for is
// persisted before anything is sent, and nothing is persisted when the plan is refused.
import type { CreateBroadcast, ExclusionCounts } from '@siyu/contracts';
import { sql } from 'kysely';
import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { checkMaterialsAttachable, recordMaterialUse } from '../materials';
import { customerAudience, groupAudience, preferHashJoins } from './audience-sql';
import * as repo from './broadcasts.repo';
import { checkContent } from './check-content';
import { capWindow } from './cap-period';
import { SEND_QUEUE, type SendJob } from './send-broadcast.job';

export const CHUNK = { customer: 10_000, group: 2_000 } as const;

export type PlanResult = { id: string; planned: number; tasks: number };

/** `send_at` may lie a minute in the past (clock skew, a slow form); further back is refused. */
const PAST_SLACK_MS = 60_000;

export async function planBroadcast(ctx: AppContext, auth: Pick<AuthContext, 'corpId' | 'userId'>, body: CreateBroadcast, now = new Date()): Promise<PlanResult> {
  const sendAt = body.sendAt ? new Date(body.sendAt) : now;
  if (sendAt.getTime() < now.getTime() - PAST_SLACK_MS) throw new DomainError('broadcast_send_at_past');
  for (const v of body.variants) checkContent(v);
  const corpId = auth.corpId;
  return withCorp(ctx.db, corpId, async (tx) => {
    const settings = await repo.settings(tx, corpId);
    await preferHashJoins(tx);
    if (settings.unavailable_errcode !== null) throw new DomainError('broadcast_unavailable');
    const materials = [...new Set(body.variants.flatMap((v) => v.materialIds ?? []))];
    if (materials.length > 0) await checkMaterialsAttachable(tx, corpId, materials, 'message');
    const cap = capWindow(settings.cap_period, now);
    const audience =
      body.kind === 'customer' ? await customerAudience(tx, corpId, body.audience, cap, now) : groupAudience(corpId, body.audience, cap);
    const id = await repo.insertBroadcast(tx, corpId, {
      kind: body.kind,
      name: body.name,
      audience: body.audience,
      variants: body.variants,
      holdoutPercent: body.holdoutPercent ?? 0,
      seed: body.seed ?? null,
      sendAt,
      attributionDays: body.attributionDays ?? 7,
      createdBy: auth.userId,
    });
    const seed = body.seed ?? id;
    const counts = await insertRecipients(tx, corpId, id, audience.members, {
      seed,
      holdoutBasisPoints: Math.round((body.holdoutPercent ?? 0) * 100),
      variants: body.variants.length,
      chunk: CHUNK[body.kind],
    });
    refuseEmpty(counts);
    const tasks = await repo.insertTasks(tx, corpId, id);
    await repo.setPlanCounts(tx, corpId, id, { planned: counts.send, holdout: counts.holdout, tasks, exclusions: counts.excluded });
    for (const m of materials) await recordMaterialUse(tx, corpId, m, null, 'broadcast');
    await ctx.queue.sendInTx<SendJob>(tx, SEND_QUEUE, { corpId, broadcastId: id }, { id, startAfter: sendAt, singletonKey: `broadcast-send:${id}` });
    return { id, planned: counts.send, tasks };
  });
}

export type PlanCounts = { total: number; send: number; holdout: number; excluded: ExclusionCounts };

function refuseEmpty(c: PlanCounts): void {
  if (c.total === 0) throw new DomainError('broadcast_audience_empty');
  if (c.send > 0) return;
  if (c.excluded.cap > 0) throw new DomainError('broadcast_cap_skips_all', undefined, c.excluded);
  throw new DomainError('broadcast_nobody_left', undefined, c.excluded);
}

// Orderings compare bytes (COLLATE "C"), every key of them: a locale's text comparison costs several times more over a
// million rows (and the role and variant keys compared the same short strings with the locale on nearly every step).
// Task numbers: a sender's (and variant's) recipients in target order, a new task every `chunk` of them, numbered by
// counting the chunk starts in that same order — one sort of the audience (only the columns written) serves both windows.
// The holdout and variant draws: 32 bits of PostgreSQL's own text hash (the one hash partitioning stores rows by, so
// the same on every server and version) of seed, salt and target; a tenth of md5's cost (~0.1 against ~1 s a million).
const hash = (seed: string, salt: string) => sql`(hashtextextended(${seed} || ${salt} || m.target, 0) & 4294967295)`;

async function insertRecipients(
  tx: Tx,
  corpId: string,
  broadcastId: string,
  members: ReturnType<typeof sql>,
  o: { seed: string; holdoutBasisPoints: number; variants: number; chunk: number },
): Promise<PlanCounts> {
  const { rows } = await sql<{ role: string; reason: string | null; n: string; dups: string }>`
    WITH m AS MATERIALIZED (
      SELECT m.*,
             CASE WHEN m.reason IS NOT NULL THEN 'excluded'
                  WHEN ${hash(o.seed, ':holdout:')} % 10000 < ${o.holdoutBasisPoints} THEN 'holdout' ELSE 'send' END AS role,
             CASE WHEN m.reason IS NULL AND ${o.variants} = 2 AND ${hash(o.seed, ':variant:')} % 2 = 1 THEN 'B' ELSE 'A' END AS variant
        FROM (${members}) m),
    numbered AS (
      SELECT m.target, m.customer_id, m.staff_userid, m.variant, m.role, m.reason,
             row_number() OVER (PARTITION BY m.role COLLATE "C", m.staff_userid COLLATE "C", m.variant COLLATE "C" ORDER BY m.target COLLATE "C") - 1 AS rn
        FROM m),
    ins AS (
      INSERT INTO broadcast_recipients (corp_id, broadcast_id, target, customer_id, staff_userid, variant, task_no, role, reason)
      SELECT ${corpId}, ${broadcastId}::uuid, n.target, n.customer_id, n.staff_userid,
             CASE WHEN n.role = 'excluded' THEN NULL ELSE n.variant END,
             CASE WHEN n.role = 'send' THEN count(*) FILTER (WHERE n.rn % ${o.chunk} = 0)
                    OVER (PARTITION BY n.role COLLATE "C" ORDER BY n.staff_userid COLLATE "C", n.variant COLLATE "C", n.target COLLATE "C" ROWS UNBOUNDED PRECEDING) END,
             n.role, n.reason
        FROM numbered n
      RETURNING 1)
    SELECT m.role, m.reason, count(*) AS n, sum(m.dups) AS dups, (SELECT count(*) FROM ins) AS inserted
      FROM m GROUP BY m.role, m.reason`.execute(tx);
  const excluded: ExclusionCounts = { not_friend: 0, cap: 0, opted_out: 0, excluded: 0, duplicate: 0 };
  let send = 0;
  let holdout = 0;
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    excluded.duplicate += Number(r.dups ?? 0);
    if (r.role === 'send') send += n;
    else if (r.role === 'holdout') holdout += n;
    else if (r.reason && r.reason in excluded) excluded[r.reason as keyof ExclusionCounts] += n;
  }
  return { total, send, holdout, excluded };
}
