// B added a staff member through A's personal code. In the callback's transaction, with A's participant row locked:
// B counts only if B is new to the corp, only once per campaign, never for A itself, only while the campaign runs;
// reaching the goal issues A's reward exactly once (primary key on (campaign, participant)). A batch of adds is
// credited with a fixed number of statements: participants locked together (in id order, so two batches never wait
// on each other in a cycle), outcomes decided in memory in arrival order, adds inserted and credits bumped at once.
import type { FissionAddOutcome } from '../../db/schema-leads-fission';
import type { Tx } from '../../db/tenancy';
import * as repo from './fission.repo';

export const STATE_PREFIX = 'fx';

export type CreditResult = { outcome: FissionAddOutcome; participantId: string; credits: number; rewarded: boolean };

// firstSeen: this add brought B into Siyu (B was not a customer before it).
export type FissionAddInput = { state: string; inviteeExt: string; staffUserid: string; firstSeen: boolean };

const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

/** Credits a batch of adds in arrival order; one result per input (null: not a fission code Siyu knows). */
export async function creditFissionAdds(tx: Tx, corpId: string, adds: readonly FissionAddInput[]): Promise<Array<CreditResult | null>> {
  const mine = adds.filter((a) => a.state.startsWith(STATE_PREFIX));
  if (mine.length === 0) return adds.map(() => null);
  const participants = new Map((await repo.lockParticipantsByStates(tx, corpId, [...new Set(mine.map((a) => a.state))])).map((p) => [p.state, p]));
  const known = mine.filter((a) => participants.has(a.state));
  const counted = await repo.countedInvitees(tx, corpId, known.map((a) => ({ campaignId: participants.get(a.state)!.campaignId, ext: a.inviteeExt })));
  const fresh = await repo.newCustomers(tx, corpId, known.filter((a) => a.firstSeen).map((a) => ({ ext: a.inviteeExt, staffUserid: a.staffUserid })));

  const now = Date.now();
  const decided = adds.map((a) => {
    const p = participants.get(a.state);
    if (!a.state.startsWith(STATE_PREFIX) || !p) return null;
    const invitee = pairKey(p.campaignId, a.inviteeExt);
    let outcome: FissionAddOutcome = 'counted';
    if (a.inviteeExt === p.ext) outcome = 'self';
    else if (now < p.startsAt.getTime() || now > p.endsAt.getTime()) outcome = 'inactive';
    else if (counted.has(invitee)) outcome = 'duplicate';
    else if (!a.firstSeen || !fresh.has(pairKey(a.inviteeExt, a.staffUserid))) outcome = 'not_new';
    if (outcome === 'counted') counted.add(invitee);
    return { p, add: { campaignId: p.campaignId, participantId: p.id, ext: a.inviteeExt, staffUserid: a.staffUserid, outcome } };
  });

  // A counted add that loses the race on the once-per-invitee index (another transaction) is stored as a duplicate.
  const rows = decided.flatMap((d) => (d ? [d.add] : []));
  const lost = await repo.insertAdds(tx, corpId, rows);
  const losers = rows.filter((r) => r.outcome === 'counted' && lost.has(pairKey(r.campaignId, r.ext)));
  for (const r of losers) r.outcome = 'duplicate';
  await repo.insertAdds(tx, corpId, losers);

  const gained = new Map<string, number>();
  for (const d of decided) if (d?.add.outcome === 'counted') gained.set(d.p.id, (gained.get(d.p.id) ?? 0) + 1);
  const credits = await repo.bumpCreditsMany(tx, corpId, gained);
  const byId = new Map([...participants.values()].map((p) => [p.id, p]));
  const rewarded = new Set<string>();
  for (const [id, total] of credits) {
    const p = byId.get(id)!;
    if (total < p.goal || p.completedAt) continue;
    await repo.markCompleted(tx, corpId, id);
    const won = await repo.issueReward(tx, corpId, { campaignId: p.campaignId, participantId: id, link: p.rewardLink, useCode: p.rewardType === 'code' });
    if (won) rewarded.add(id);
  }

  // The first counted add at or past the goal is the one reported as rewarded; credits as they stood after each add.
  const running = new Map<string, number>();
  return decided.map((d) => {
    if (!d) return null;
    const { p, add } = d;
    const after = (running.get(p.id) ?? p.credits) + (add.outcome === 'counted' ? 1 : 0);
    running.set(p.id, after);
    const winner = add.outcome === 'counted' && after >= p.goal && rewarded.delete(p.id);
    return { outcome: add.outcome, participantId: p.id, credits: after, rewarded: winner };
  });
}

/** One add (the batch path with a batch of one). */
export async function creditFissionAdd(tx: Tx, corpId: string, a: FissionAddInput): Promise<CreditResult | null> {
  return (await creditFissionAdds(tx, corpId, [a]))[0];
}

/** B deleted the staff member within the campaign's window: the credit is withdrawn (an issued reward stays). */
export async function withdrawFissionCredits(
  tx: Tx,
  corpId: string,
  pairs: ReadonlyArray<{ inviteeExt: string; staffUserid: string }>,
): Promise<number> {
  let n = 0;
  for (const add of await repo.withdrawableAdds(tx, corpId, pairs)) {
    await repo.lockParticipant(tx, corpId, add.participant_id);
    if (await repo.markWithdrawn(tx, corpId, add.id)) {
      await repo.bumpCreditsMany(tx, corpId, new Map([[add.participant_id, -1]]));
      n++;
    }
  }
  return n;
}
