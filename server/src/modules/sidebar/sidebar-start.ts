// What the sidebar page needs before anything else: who is looking (the staff member, WeCom's corp id and agent id for
// ww.register) and the corp and agent signatures of the page's own URL. Served by GET /api/sidebar/start and, to save
// that round trip on the phone, written into the page itself when GET /sidebar already carries a live session.
import type { SidebarMe, JsSignature } from '@siyu/contracts';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { DomainError } from '../../http/errors';
import type { SidebarSession } from './sidebar-auth';
import type { SidebarApp, SidebarWecom } from './sidebar-wecom';

export type SidebarStart = { me: SidebarMe; signatures: { corp: JsSignature; agent: JsSignature } };

/** This server's origin as the phone sees it. */
export function originOf(ctx: AppContext, req: FastifyRequest): string {
  return (ctx.config.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
}

/** The page's URL, if it is this server's sidebar page (WeCom signs any URL; Siyu signs only its own page). */
export function ownPage(ctx: AppContext, req: FastifyRequest, raw: string): string {
  const url = raw.split('#')[0];
  if (!url.startsWith(`${originOf(ctx, req)}/sidebar`)) throw new DomainError('sidebar_url_not_allowed');
  return url;
}

export function createSidebarStart(wecom: SidebarWecom) {
  const meOf = (s: SidebarSession, a: SidebarApp): SidebarMe => ({
    corpId: s.corpId,
    wecomCorpId: a.wecomCorpId,
    agentId: a.agentId,
    staff: { userid: s.staffUserid, name: s.staffName },
  });
  return {
    me: async (s: SidebarSession): Promise<SidebarMe> => meOf(s, await wecom.app(s.corpId)),
    /** Who is looking and the signatures of `url` (already checked to be the sidebar page), in one go. */
    async start(s: SidebarSession, url: string): Promise<SidebarStart> {
      const a = await wecom.app(s.corpId);
      return { me: meOf(s, a), signatures: await wecom.sign(a, url) };
    },
  };
}

export type SidebarStartService = ReturnType<typeof createSidebarStart>;
