// The customer's first screen rendered on the server (react-dom/server) from the very components the phone hydrates,
// so the name, tags and stage show before the phone has evaluated React. Built apart (vite build --ssr, into
// web/dist/ssr) and loaded by the server's sidebar module; it renders only what the server already decided to show
// this staff member (GET /api/sidebar/first-screen), in the phone's language and time zone.
import type { SidebarCustomer } from '@siyu/contracts';
import { renderToString } from 'react-dom/server';
import type { JsSdk } from './jssdk';
import { SidebarApp } from './sidebar-app';
import { langOf, setLocale } from './sidebar-i18n';

/** Nothing is sent while rendering; a call would be a bug of a component, so it fails loudly. */
const noSdk: JsSdk = {
  register: () => Promise.reject(new Error('no JS-SDK on the server')),
  getContext: () => Promise.reject(new Error('no JS-SDK on the server')),
  getCurExternalContact: () => Promise.reject(new Error('no JS-SDK on the server')),
  getCurExternalChat: () => Promise.reject(new Error('no JS-SDK on the server')),
  sendChatMessage: () => Promise.reject(new Error('no JS-SDK on the server')),
};

export function renderFirstScreen(customer: SidebarCustomer, o: { lang: string; timeZone: string | null; corp: string }): string {
  setLocale(langOf(o.lang), o.timeZone ?? undefined);
  const start = { kind: 'customer' as const, sdk: noSdk, ext: customer.externalUserid, first: Promise.resolve(customer), shown: customer };
  return renderToString(<SidebarApp start={start} corp={o.corp} />);
}
