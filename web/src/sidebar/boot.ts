// The sidebar's entry, without React: it starts the chain that decides the first screen (the session, JS-SDK register
// with the page's signatures, the chat's context, the current customer or group) the moment the page arrives, while
// the React part is downloaded beside it (prefetch: not compiled or evaluated yet, so it takes no CPU from this
// chain). For a customer it asks the server for the first screen rendered from the same components
// (GET /api/sidebar/first-screen) and shows it at once; React is evaluated after that and hydrates it. A group, a
// failure or a server without the renderer: React renders as before, from what this chain already knows.
import type { SidebarCustomer, SidebarMe } from '@siyu/contracts';
import { api, ApiError } from './api';
import './sidebar.css'; // with the page, not with React: the server's first screen is styled at once
import { loadJsSdk, pageUrl, type JsSdk, type Signatures } from './jssdk';
import { lang, t, timeZone, tMaybe } from './sidebar-i18n';

export type Boot =
  | { kind: 'fatal'; text: string }
  | { kind: 'leaving'; text: string }
  | { kind: 'customer'; sdk: JsSdk; ext: string; first: Promise<SidebarCustomer>; shown: SidebarCustomer | null }
  | { kind: 'group'; sdk: JsSdk; chatId: string };
type Start = { me: SidebarMe; signatures: Signatures };
type FirstScreen = { customer: SidebarCustomer; html: string | null };

const params = new URLSearchParams(location.search);
export const corp = params.get('corp') ?? '';
export const signIn = () => location.replace(`/api/sidebar/oauth?corp=${encodeURIComponent(corp)}`);

/** Set once React owns #root: from then on this chain hands React data, never markup. */
let reactStarted = false;
export const reactStarts = () => {
  reactStarted = true;
};

/** What the server wrote into the page for this very URL (a live session came with the request), else null. */
function startInPage(page: string): Start | null {
  const el = document.getElementById('sb-start');
  if (!el?.textContent) return null;
  try {
    const d = JSON.parse(el.textContent) as Start & { url?: string };
    return d.url === page ? d : null;
  } catch {
    return null;
  }
}

/** The start data comes after the page's head (the server signs meanwhile): wait for the document's body. */
const parsed = () =>
  document.readyState !== 'loading' ? Promise.resolve() : new Promise<void>((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));

/** The customer's first screen: rendered by the server into #root while React is not there yet. */
async function firstScreen(ext: string): Promise<{ first: Promise<SidebarCustomer>; shown: SidebarCustomer | null }> {
  const q = new URLSearchParams({ externalUserid: ext, lang, ...(timeZone ? { tz: timeZone } : {}) });
  const asked = api<FirstScreen>('GET', `/first-screen?${q}`);
  const first = asked.then((f) => f.customer);
  first.catch(() => undefined); // the customer card shows this failure
  try {
    const f = await asked;
    const root = document.getElementById('root');
    if (!f.html || reactStarted || !root) return { first, shown: null };
    root.innerHTML = f.html; // React's renderToString output: every text escaped
    performance.mark('sidebar-first-screen');
    performance.mark('sidebar-first-screen-server');
    return { first, shown: f.customer };
  } catch {
    return { first, shown: null };
  }
}

async function run(): Promise<Boot> {
  const error = params.get('error');
  if (error) return { kind: 'fatal', text: tMaybe(`error.${error}`, error) };
  const sdkP = loadJsSdk();
  const page = pageUrl();
  await parsed();
  let start = startInPage(page);
  if (!start) {
    try {
      // who is looking and this page's signatures in one round trip
      start = await api<Start>('GET', `/start?url=${encodeURIComponent(page)}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'sidebar_signed_out' && corp) {
        signIn();
        return { kind: 'leaving', text: t('signingIn') };
      }
      return { kind: 'fatal', text: e instanceof Error ? e.message : String(e) };
    }
  }
  const { me, signatures: signed } = start;
  const sdk = await sdkP;
  if (!sdk) return { kind: 'fatal', text: t('openInWecom') };
  const sign = (url: string) => (url === page ? Promise.resolve(signed) : api<Signatures>('GET', `/signatures?url=${encodeURIComponent(url)}`));
  // The JS-SDK takes calls right after register and answers them once registered (as @wecom/jssdk does): the context
  // and both "current" calls go out with it, side by side (the one that does not fit the chat fails, unused).
  const registered = sdk.register({ corpId: me.wecomCorpId, agentId: me.agentId ?? '', sign });
  const chatP = Promise.all([sdk.getContext(), sdk.getCurExternalContact().catch(() => null), sdk.getCurExternalChat().catch(() => null)]);
  chatP.catch(() => undefined); // a failed register fails these too: its own message is the one shown
  try {
    await registered;
  } catch (e) {
    return { kind: 'fatal', text: `${t('registerFailed')}: ${e instanceof Error ? e.message : String(e)}` };
  }
  performance.mark('sidebar-registered');
  try {
    const [entry, ext, chat] = await chatP;
    performance.mark('sidebar-chat-known');
    if (entry === 'single_chat_tools' || entry === 'contact_profile') {
      const id = ext ?? (await sdk.getCurExternalContact());
      return { kind: 'customer', sdk, ext: id, ...(await firstScreen(id)) };
    }
    if (entry === 'group_chat_tools') return { kind: 'group', sdk, chatId: chat ?? (await sdk.getCurExternalChat()) };
    return { kind: 'fatal', text: t('notInChat') };
  } catch (e) {
    return { kind: 'fatal', text: e instanceof Error ? e.message : String(e) };
  }
}

/** The chain's outcome, for React; `settled` holds it once known, so React can start from it synchronously. */
export const boot: { result: Promise<Boot>; settled: Boot | null } = { result: run(), settled: null };
void boot.result.then((b) => {
  boot.settled = b;
});

performance.mark('sidebar-boot-run');
document.documentElement.lang = lang;
// React is evaluated once the first screen is decided (shown, or left to React), never in the middle of the chain;
// a chain still waiting after 3 s (WeCom slow to answer) lets React show its loading screen meanwhile.
let react: Promise<unknown> | null = null;
const startReact = () => (react ??= import('./main'));
void boot.result.finally(startReact);
setTimeout(startReact, 3000);
