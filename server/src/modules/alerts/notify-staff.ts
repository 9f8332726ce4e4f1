// Reminders to staff arrive as WeCom app messages (the corp's self-built app: agent id + app secret).
import type { Logger } from '../../logger';
import type { WecomConnections } from '../wecom';
import { wecomCall as callWecom } from '../../platform/wecom-call';

const wecomCall = <T>(fn: () => Promise<T>) => callWecom({ rejected: 'wecom_unavailable' }, fn);

export async function notifyStaff(connections: WecomConnections, logger: Logger, corpId: string, userids: string[], text: string): Promise<boolean> {
  const to = [...new Set(userids.filter(Boolean))];
  if (to.length === 0) return false;
  const conn = await connections.connection(corpId);
  if (!conn?.agentId || !conn.appSecret) {
    logger.info({ corpId }, 'no WeCom app configured: staff reminder not sent');
    return false;
  }
  const client = connections.clientFor(corpId, conn, conn.appSecret);
  try {
    await wecomCall(() => client.sendAppMessage({ touser: to.join('|'), msgtype: 'text', agentid: Number(conn.agentId), text: { content: text.slice(0, 600) } }));
    return true;
  } catch (err) {
    logger.warn({ err, corpId }, 'staff reminder failed');
    return false;
  }
}
