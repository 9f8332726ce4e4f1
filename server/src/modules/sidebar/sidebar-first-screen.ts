// GET /api/sidebar/first-screen: the customer view the sidebar opens on, with that view rendered to HTML by the web
// build's server renderer (web/dist/ssr, the same components the phone hydrates), so the phone shows it before it has
// evaluated React. The customer comes from the customer view service under the sidebar session's scope (a customer not
// this staff member's is refused exactly as GET /api/sidebar/customer refuses it); without a built renderer, or when it
// fails, the answer carries no HTML and the phone renders the view itself.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SidebarCustomer, SidebarFirstScreen } from '@siyu/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context';
import type { SidebarSession } from './sidebar-auth';
import type { createCustomerView } from './customer-view';

type Render = (customer: SidebarCustomer, o: { lang: string; timeZone: string | null; corp: string }) => string;

/** An IANA time zone the runtime knows, else null (the dates then show in the server's zone: no hydration, no harm). */
function knownZone(tz: string | undefined): string | null {
  if (!tz) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return null;
  }
}

export function createSidebarFirstScreen(ctx: AppContext, customers: ReturnType<typeof createCustomerView>) {
  const file = path.join(ctx.config.webDist, 'ssr/first-screen.server.js');
  let loaded: { mtime: number; render: Promise<Render | null> } | null = null;

  /** The built renderer, loaded again after a rebuild of the web (as the page itself is read on each request). */
  async function renderer(): Promise<Render | null> {
    const mtime = await fs.promises.stat(file).then(
      (s) => s.mtimeMs,
      () => -1,
    );
    if (mtime < 0) return null;
    if (loaded?.mtime !== mtime) {
      const render = import(`${pathToFileURL(file).href}?v=${mtime}`).then((m: { renderFirstScreen?: unknown }) =>
        typeof m.renderFirstScreen === 'function' ? (m.renderFirstScreen as Render) : null,
      );
      loaded = { mtime, render };
    }
    return loaded.render;
  }

  return {
    async firstScreen(s: SidebarSession, q: { externalUserid: string; lang?: string; tz?: string }, log: FastifyBaseLogger): Promise<SidebarFirstScreen> {
      const [customer, render] = await Promise.all([customers.byExternal(s, q.externalUserid), renderer().catch(() => null)]);
      if (!render) return { customer, html: null };
      try {
        return { customer, html: render(customer, { lang: q.lang ?? 'zh-CN', timeZone: knownZone(q.tz), corp: s.corpId }) };
      } catch (err) {
        log.warn({ err }, 'sidebar first screen not rendered on the server');
        return { customer, html: null };
      }
    },
  };
}

export type SidebarFirstScreenService = ReturnType<typeof createSidebarFirstScreen>;
