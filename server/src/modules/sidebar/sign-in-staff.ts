// Signing a staff member into the sidebar through WeCom OAuth: the start sends the phone to WeCom's authorize page
// with a state bound to a short-lived cookie; the return trades the single-use code for the member's userid
// (auth/getuserinfo), checks they are an active staff member of the corp and opens a sidebar session.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { hashToken, newToken, SESSION_HOURS } from './sidebar-auth';
import { activeStaff, insertSession } from './sidebar-session.repo';
import type { SidebarWecom } from './sidebar-wecom';

export const OAUTH_STATE_COOKIE = 'siyu_sidebar_oauth';

/** The page the guide lands on, on this server, for a corp. */
export const sidebarPath = (corpId: string) => `/sidebar?corp=${encodeURIComponent(corpId)}`;

export function createSignIn(ctx: AppContext, wecom: SidebarWecom) {
  return {
    /** WeCom's authorize URL for this corp, and the nonce the state cookie must carry back. */
    async start(corpId: string, origin: string) {
      const app = await wecom.app(corpId);
      const nonce = randomBytes(16).toString('hex');
      const u = new URL(`${app.oauthBase}/connect/oauth2/authorize`);
      u.searchParams.set('appid', app.wecomCorpId);
      u.searchParams.set('redirect_uri', `${origin}/api/sidebar/oauth/callback`);
      u.searchParams.set('response_type', 'code');
      u.searchParams.set('scope', 'snsapi_base');
      u.searchParams.set('state', `${corpId}.${nonce}`);
      u.searchParams.set('agentid', app.agentId);
      return { url: `${u.toString()}#wechat_redirect`, nonce };
    },

    /** The code WeCom sent back → a new session token for the staff member it names. */
    async finish(corpId: string, code: string): Promise<{ token: string; staffUserid: string }> {
      const app = await wecom.app(corpId);
      const userid = await wecom.userOfCode(app, code);
      if (!userid) throw new DomainError('sidebar_not_staff');
      const token = newToken();
      await withCorp(ctx.db, corpId, async (tx) => {
        if (!(await activeStaff(tx, corpId, userid))) throw new DomainError('sidebar_not_staff');
        await insertSession(tx, corpId, hashToken(token), userid, new Date(Date.now() + SESSION_HOURS * 3600_000));
      });
      return { token, staffUserid: userid };
    },
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
