// A customer (A) joins a campaign: a participant row with an unguessable token and a short state, then A's own
// 「联系我」 code (add_contact_way with that state, on the campaign's staff). Joining twice returns the same poster.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import type { WecomConnections } from '../wecom';
import { STATE_PREFIX } from './credit-fission-add';
import * as repo from './fission.repo';
import { newParticipantToken } from './participant-token';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

function shortId(n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return s;
}

/** ≤ 30 chars as WeCom requires: "fx" + campaign code (6) + participant (10). */
export function participantState(campaignCode: string): string {
  return `${STATE_PREFIX}${campaignCode}${shortId(10)}`;
}

export function newCampaignCode(): string {
  return shortId(6);
}

export async function joinFission(
  ctx: Pick<AppContext, 'db' | 'logger'>,
  connections: WecomConnections,
  corpId: string,
  campaignId: string,
  ext: string,
  /** A staff member's userid: only customers they follow may be enrolled (anyone else is not_found to them). */
  scope: string | null = null,
) {
  const joined = await withCorp(ctx.db, corpId, async (tx) => {
    const c = await repo.findCampaign(tx, corpId, campaignId);
    if (!c) throw new DomainError('not_found');
    if (scope && !(await repo.followedBy(tx, corpId, ext, scope))) throw new DomainError('fission_customer_unknown');
    const existing = await repo.findParticipant(tx, corpId, campaignId, ext);
    if (existing) return { c, p: existing, tagStaff: null as string | null };
    const now = Date.now();
    if (now < c.starts_at.getTime() || now > c.ends_at.getTime()) throw new DomainError('fission_campaign_inactive');
    const customer = await repo.customerByExt(tx, corpId, ext);
    if (!customer) throw new DomainError('fission_customer_unknown');
    const token = newParticipantToken(corpId);
    const p =
      (await repo.insertParticipant(tx, corpId, {
        campaignId,
        ext,
        name: customer.name,
        state: participantState(c.code),
        token,
      })) ?? (await repo.findParticipant(tx, corpId, campaignId, ext));
    if (!p) throw new DomainError('conflict');
    const follow = await repo.liveFollowOf(tx, corpId, customer.id);
    return { c, p, tagStaff: follow?.staff_userid ?? null };
  });
  const { c, p } = joined;
  const client = await connections.contactClient(corpId);
  if (!p.config_id) {
    const way = await client.addContactWay({
      type: c.staff_userids.length > 1 ? 2 : 1,
      scene: 2,
      state: p.state,
      user: c.staff_userids,
      skip_verify: true,
      remark: `裂变 ${c.name}`.slice(0, 30),
    });
    await withCorp(ctx.db, corpId, (tx) =>
      repo.setParticipantCode(tx, corpId, p.id, way.config_id, way.qr_code ?? null),
    );
    p.config_id = way.config_id;
    p.qr_code = way.qr_code ?? null;
  }
  if (joined.tagStaff && c.tag_ids.length) {
    await client
      .markTag({ userid: joined.tagStaff, external_userid: ext, add_tag: c.tag_ids })
      .catch((err) => ctx.logger.warn({ err, corpId, campaignId }, 'fission participant tagging failed'));
  }
  return { id: p.id, token: p.token, state: p.state, configId: p.config_id, qrCode: p.qr_code, credits: p.credits };
}
