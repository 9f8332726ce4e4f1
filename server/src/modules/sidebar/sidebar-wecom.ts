// The WeCom the sidebar talks to: the corp's app (agent) client, which answers OAuth codes and signs JS-SDK pages
// (tickets cached until they expire, shared by every client of the same app through the wecom package's token
// store), and where WeCom's OAuth page is (open.weixin.qq.com, or the sandbox that plays WeCom).
import type { WecomClient } from '@siyu/wecom';
import { DomainError } from '../../http/errors';
import { wecomCall } from '../../platform/wecom-call';
import type { WecomConnections } from '../wecom';

const WECOM_API = 'https://qyapi.weixin.qq.com';
const WECOM_OAUTH = 'https://open.weixin.qq.com';

export type SidebarApp = { corpId: string; wecomCorpId: string; agentId: string; client: WecomClient; oauthBase: string };

export function createSidebarWecom(connections: WecomConnections) {
  const clients = new Map<string, { secret: string; client: WecomClient }>();
  return {
    /** The corp's app, or a clear refusal when the corp is unknown or its app is not set up. */
    async app(corpId: string): Promise<SidebarApp> {
      const conn = await connections.connection(corpId);
      if (!conn || !conn.wecomCorpId) throw new DomainError('sidebar_corp_unknown');
      if (!conn.agentId || !conn.appSecret) throw new DomainError('sidebar_app_not_configured');
      let c = clients.get(corpId);
      if (!c || c.secret !== conn.appSecret) {
        c = { secret: conn.appSecret, client: connections.clientFor(corpId, conn, conn.appSecret) };
        clients.set(corpId, c);
      }
      const base = connections.apiBaseOf(conn).replace(/\/+$/, '');
      return { corpId, wecomCorpId: conn.wecomCorpId, agentId: conn.agentId, client: c.client, oauthBase: base === WECOM_API ? WECOM_OAUTH : base };
    },

    /** OAuth code → the member's userid; an expired or used code (40029) → sidebar_oauth_code_invalid. */
    async userOfCode(app: SidebarApp, code: string): Promise<string | null> {
      const res = await wecomCall({ rejected: 'wecom_unavailable', errcodes: { 40029: 'sidebar_oauth_code_invalid', 50001: 'sidebar_oauth_code_invalid' } }, () => app.client.getUserInfoByCode(code));
      return res.userid ?? res.UserId ?? null;
    },

    /** Corp (wx.config) and agent (wx.agentConfig) signatures of one page URL. */
    async sign(app: SidebarApp, url: string) {
      return wecomCall({ rejected: 'wecom_unavailable' }, async () => {
        const [corp, agent] = await Promise.all([app.client.signJsApi(url, 'corp'), app.client.signJsApi(url, 'agent')]);
        return { corp, agent };
      });
    },
  };
}

export type SidebarWecom = ReturnType<typeof createSidebarWecom>;
