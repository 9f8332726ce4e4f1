import type { AppContext } from '../../context';
import type { FissionPoster } from '../../db/schema-leads-fission';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { ownScope } from '../../platform/policy/visible-scope';
import { getMaterials, materialFile, recordMaterialUse } from '../materials';
import type { WecomConnections } from '../wecom';
import * as repo from './fission.repo';
import { activeStaff, tokenCorp } from './campaign-refs.repo';
import { corpOfToken } from './participant-token';
import { joinFission, newCampaignCode } from './join-fission';
import { avatarBytes } from './avatar-bytes';
import { progressHtml, type ProgressView } from './poster';
import { renderPoster } from './poster-image';

export type CampaignBody = {
  name: string;
  goal: number;
  rewardType: 'code' | 'link';
  rewardLink?: string;
  rewardCodes?: string[];
  poster: FissionPoster;
  startsAt: string;
  endsAt: string;
  staffUserids: string[];
  tagIds?: string[];
  withdrawHours: number;
};

export function createFissionService(ctx: AppContext, connections: WecomConnections) {
  const { db } = ctx;

  async function publicCorp(token: string): Promise<string> {
    const corpId = corpOfToken(token) ?? (await tokenCorp(db, token));
    if (!corpId) throw new DomainError('not_found');
    return corpId;
  }

  async function progress(token: string): Promise<ProgressView & { qrCode: string | null; avatar: string | null }> {
    const corpId = await publicCorp(token);
    const p = await withCorp(db, corpId, (tx) => repo.findParticipantByToken(tx, corpId, token));
    if (!p) throw new DomainError('not_found');
    return {
      campaignName: p.campaignName,
      name: p.name,
      goal: p.goal,
      credits: p.credits,
      completed: !!p.completedAt,
      reward: p.rewardedAt ? { code: p.rewardCode, link: p.rewardLink } : null,
      poster: p.poster,
      endsAt: p.endsAt,
      qrCode: p.qrCode,
      avatar: p.avatar,
    };
  }

  return {
    async create(auth: AuthContext, b: CampaignBody) {
      const startsAt = new Date(b.startsAt);
      const endsAt = new Date(b.endsAt);
      if (!(endsAt > startsAt)) throw new DomainError('fission_invalid_dates');
      const codes = [...new Set((b.rewardCodes ?? []).map((c) => c.trim()).filter(Boolean))];
      if (b.rewardType === 'link' && !b.rewardLink) throw new DomainError('fission_reward_invalid');
      if (b.rewardType === 'code' && codes.length === 0) throw new DomainError('fission_reward_invalid');
      return withCorp(db, auth.corpId, async (tx) => {
        const staff = await activeStaff(tx, auth.corpId, b.staffUserids);
        if (staff.length !== new Set(b.staffUserids).size) throw new DomainError('lead_staff_unknown');
        // Tags participants get (mark_tag): tags of this corp only.
        const tagIds = [...new Set(b.tagIds ?? [])];
        if ((await repo.knownTagIds(tx, auth.corpId, tagIds)).size !== tagIds.length) throw new DomainError('tag_unknown');
        // The poster's background from the library: an image or a poster of this corp.
        const materialId = b.poster.materialId ?? null;
        if (materialId) {
          const [m] = await getMaterials(tx, auth.corpId, [materialId]);
          if (!m || (m.kind !== 'image' && m.kind !== 'poster')) throw new DomainError('fission_poster_material_invalid');
          await recordMaterialUse(tx, auth.corpId, materialId, null, 'fission');
        }
        const c = await repo.insertCampaign(tx, auth.corpId, {
          code: newCampaignCode(),
          name: b.name,
          goal: b.goal,
          rewardType: b.rewardType,
          rewardLink: b.rewardLink ?? null,
          poster: { ...b.poster, materialId },
          startsAt,
          endsAt,
          staffUserids: [...new Set(b.staffUserids)],
          tagIds,
          withdrawHours: b.withdrawHours,
        });
        const added = await repo.addRewardCodes(tx, auth.corpId, c.id, codes);
        return { id: c.id, rewardCodes: added };
      });
    },

    list: (auth: AuthContext) =>
      withCorp(db, auth.corpId, async (tx) => ({ items: await repo.listCampaigns(tx, auth.corpId) })),

    async get(auth: AuthContext, id: string) {
      return withCorp(db, auth.corpId, async (tx) => {
        const c = await repo.findCampaign(tx, auth.corpId, id);
        if (!c) throw new DomainError('not_found');
        return {
          id: c.id,
          name: c.name,
          goal: c.goal,
          rewardType: c.reward_type,
          rewardLink: c.reward_link,
          poster: c.poster,
          startsAt: c.starts_at,
          endsAt: c.ends_at,
          staffUserids: c.staff_userids,
          tagIds: c.tag_ids,
          withdrawHours: c.withdraw_hours,
          codes: await repo.codeStock(tx, auth.corpId, id),
          funnel: await repo.funnel(tx, auth.corpId, id),
          outcomes: await repo.outcomes(tx, auth.corpId, id),
        };
      });
    },

    async addCodes(auth: AuthContext, id: string, codes: string[]) {
      return withCorp(db, auth.corpId, async (tx) => {
        if (!(await repo.findCampaign(tx, auth.corpId, id))) throw new DomainError('not_found');
        return {
          added: await repo.addRewardCodes(tx, auth.corpId, id, [
            ...new Set(codes.map((c) => c.trim()).filter(Boolean)),
          ]),
        };
      });
    },

    async join(auth: AuthContext, id: string, ext: string) {
      const base = (ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`).replace(/\/+$/, '');
      const p = await joinFission(ctx, connections, auth.corpId, id, ext, ownScope(auth));
      return {
        ...p,
        progressUrl: `${base}/p/fission/${p.token}`,
        posterUrl: `${base}/p/fission/${p.token}/poster.png`,
      };
    },

    async participants(auth: AuthContext, id: string, page: number, pageSize: number) {
      return withCorp(db, auth.corpId, async (tx) => {
        if (!(await repo.findCampaign(tx, auth.corpId, id))) throw new DomainError('not_found');
        return { items: await repo.listParticipants(tx, auth.corpId, id, page, pageSize) };
      });
    },

    /** Top referrers; KOC candidates reached the goal and rank in the top 10% of active referrers (at least top 3). */
    async leaderboard(auth: AuthContext, id: string, limit: number) {
      return withCorp(db, auth.corpId, async (tx) => {
        const c = await repo.findCampaign(tx, auth.corpId, id);
        if (!c) throw new DomainError('not_found');
        const rows = await repo.leaderboard(tx, auth.corpId, id, limit);
        const cut = Math.max(3, Math.ceil((await repo.countActiveReferrers(tx, auth.corpId, id)) * 0.1));
        return { items: rows.map((r, i) => ({ ...r, rank: i + 1, kocCandidate: r.credits >= c.goal && i < cut })) };
      });
    },

    async progress(token: string) {
      const v = await progress(token);
      return {
        campaignName: v.campaignName,
        name: v.name,
        goal: v.goal,
        credits: v.credits,
        completed: v.completed,
        reward: v.reward,
        endsAt: v.endsAt,
      };
    },

    async progressPage(token: string): Promise<string> {
      return progressHtml(token, await progress(token));
    },

    /** The participant's poster: the library picture, title, text, their avatar and name, and their code. */
    async poster(token: string): Promise<Buffer> {
      const v = await progress(token);
      if (!v.qrCode) throw new DomainError('not_found');
      const [picture, avatar] = await Promise.all([
        v.poster.materialId ? materialFile(db, await publicCorp(token), v.poster.materialId) : null,
        avatarBytes(v.avatar, ctx.config.sandbox),
      ]);
      return renderPoster({ ...v.poster, participantName: v.name, picture, avatar, qrContent: v.qrCode });
    },

    /** The library image behind a participant's poster (public, as the poster is). */
    async posterBackground(token: string): Promise<{ data: Buffer; mimeType: string }> {
      const v = await progress(token);
      const f = v.poster.materialId ? await materialFile(db, await publicCorp(token), v.poster.materialId) : null;
      if (!f) throw new DomainError('not_found');
      return f;
    },
  };
}

export type FissionService = ReturnType<typeof createFissionService>;
