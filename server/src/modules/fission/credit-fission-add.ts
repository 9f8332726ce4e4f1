// B added a staff member through A's personal code. In the callback's transaction, with A's participant row locked:
// B counts only if B is new to the corp, only once per campaign, never for A itself, only while the campaign runs;
// reaching the goal issues A's reward exactly once (primary key on (campaign, participant)).
import type { FissionAddOutcome } from '../../db/schema-leads-fission';
import type { Tx } from '../../db/tenancy';
import * as repo from './fission.repo';

export const STATE_PREFIX = 'fx';

export type CreditResult = { outcome: FissionAddOutcome; participantId: string; credits: number; rewarded: boolean };

export async function creditFissionAdd(
  tx: Tx,
  corpId: string,
  // firstSeen: this add brought B into Siyu (B was not a customer before it).
  a: { state: string; inviteeExt: string; staffUserid: string; firstSeen: boolean },
): Promise<CreditResult | null> {
  if (!a.state.startsWith(STATE_PREFIX)) return null;
  const p = await repo.lockParticipantByState(tx, corpId, a.state);
  if (!p) return null;
  const now = Date.now();
  let outcome: FissionAddOutcome = 'counted';
  if (a.inviteeExt === p.ext) outcome = 'self';
  else if (now < p.startsAt.getTime() || now > p.endsAt.getTime()) outcome = 'inactive';
  else if (await repo.hasCountedAdd(tx, corpId, p.campaignId, a.inviteeExt)) outcome = 'duplicate';
  else if (!(await repo.isNewCustomer(tx, corpId, a.inviteeExt, a.staffUserid, a.firstSeen))) outcome = 'not_new';

  const add = { campaignId: p.campaignId, participantId: p.id, ext: a.inviteeExt, staffUserid: a.staffUserid };
  if (outcome === 'counted' && !(await repo.insertAdd(tx, corpId, { ...add, outcome }))) outcome = 'duplicate';
  if (outcome !== 'counted') {
    await repo.insertAdd(tx, corpId, { ...add, outcome });
    return { outcome, participantId: p.id, credits: p.credits, rewarded: false };
  }
  const credits = await repo.bumpCredits(tx, corpId, p.id, 1);
  let rewarded = false;
  if (credits >= p.goal && !p.completedAt) {
    await repo.markCompleted(tx, corpId, p.id);
    rewarded = await repo.issueReward(tx, corpId, {
      campaignId: p.campaignId,
      participantId: p.id,
      link: p.rewardLink,
      useCode: p.rewardType === 'code',
    });
  }
  return { outcome, participantId: p.id, credits, rewarded };
}

/** B deleted the staff member within the campaign's window: the credit is withdrawn (an issued reward stays). */
export async function withdrawFissionCredit(
  tx: Tx,
  corpId: string,
  a: { inviteeExt: string; staffUserid: string },
): Promise<number> {
  let n = 0;
  for (const add of await repo.withdrawableAdds(tx, corpId, a.inviteeExt, a.staffUserid)) {
    await repo.lockParticipant(tx, corpId, add.participant_id);
    if (await repo.markWithdrawn(tx, corpId, add.id)) {
      await repo.bumpCredits(tx, corpId, add.participant_id, -1);
      n++;
    }
  }
  return n;
}
