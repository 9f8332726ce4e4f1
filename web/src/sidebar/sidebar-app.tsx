// The sidebar's flow: the staff member's session (written into the page by the server, else asked for; none: WeCom
// OAuth), the JS-SDK registered with the server's signatures, then the chat's context decides between the customer
// view and the group view. Every failure ends in
// a clear message on the phone, never a blank page.
import { useEffect, useState } from 'react';
import type { SidebarCustomer, SidebarMe } from '@siyu/contracts';
import { api, ApiError } from './api';
import { CustomerCard, customerPath } from './customer-card';
import { GroupCard } from './group-card';
import { loadJsSdk, pageUrl, type JsSdk, type Signatures } from './jssdk';
import { NoticeProvider } from './notices';
import { t, tMaybe } from './sidebar-i18n';

type View =
  | { kind: 'loading'; text: string }
  | { kind: 'fatal'; text: string }
  | { kind: 'customer'; ext: string; first: Promise<SidebarCustomer> }
  | { kind: 'group'; chatId: string };
type Start = { me: SidebarMe; signatures: Signatures };

const params = new URLSearchParams(location.search);
const corp = params.get('corp') ?? '';

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

async function start(set: (v: View) => void, setSdk: (s: JsSdk) => void) {
  const error = params.get('error');
  if (error) return set({ kind: 'fatal', text: tMaybe(`error.${error}`, error) });
  const sdkP = loadJsSdk();
  const page = pageUrl();
  let first = startInPage(page);
  if (!first) {
    try {
      // who is looking and this page's signatures in one round trip
      first = await api<Start>('GET', `/start?url=${encodeURIComponent(page)}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'sidebar_signed_out' && corp) {
        set({ kind: 'loading', text: t('signingIn') });
        location.replace(`/api/sidebar/oauth?corp=${encodeURIComponent(corp)}`);
        return;
      }
      return set({ kind: 'fatal', text: e instanceof Error ? e.message : String(e) });
    }
  }
  const { me, signatures: signed } = first;
  const sdk = await sdkP;
  if (!sdk) return set({ kind: 'fatal', text: t('openInWecom') });
  const sign = (url: string) => (url === page ? Promise.resolve(signed) : api<Signatures>('GET', `/signatures?url=${encodeURIComponent(url)}`));
  // The JS-SDK takes calls right after register and answers them once registered (as @wecom/jssdk does): the context
  // and both "current" calls go out with it, side by side (the one that does not fit the chat fails, unused).
  const registered = sdk.register({ corpId: me.wecomCorpId, agentId: me.agentId ?? '', sign });
  const chatP = Promise.all([sdk.getContext(), sdk.getCurExternalContact().catch(() => null), sdk.getCurExternalChat().catch(() => null)]);
  chatP.catch(() => undefined); // a failed register fails these too: its own message is the one shown
  try {
    await registered;
  } catch (e) {
    return set({ kind: 'fatal', text: `${t('registerFailed')}: ${e instanceof Error ? e.message : String(e)}` });
  }
  setSdk(sdk);
  performance.mark('sidebar-registered');
  try {
    const [entry, ext, chat] = await chatP;
    performance.mark('sidebar-chat-known');
    // the customer is asked for as soon as WeCom names them, before anything renders
    if (entry === 'single_chat_tools' || entry === 'contact_profile') {
      const id = ext ?? (await sdk.getCurExternalContact());
      return set({ kind: 'customer', ext: id, first: api<SidebarCustomer>('GET', customerPath({ externalUserid: id })) });
    }
    if (entry === 'group_chat_tools') return set({ kind: 'group', chatId: chat ?? (await sdk.getCurExternalChat()) });
    set({ kind: 'fatal', text: t('notInChat') });
  } catch (e) {
    set({ kind: 'fatal', text: e instanceof Error ? e.message : String(e) });
  }
}

export function SidebarApp() {
  const [view, setView] = useState<View>({ kind: 'loading', text: t('loading') });
  const [sdk, setSdk] = useState<JsSdk | null>(null);
  useEffect(() => {
    void start(setView, setSdk);
  }, []);
  return (
    <NoticeProvider>
      <div className="sb-page" data-testid="sidebar">
        {view.kind === 'loading' && <div className="sb-splash">{view.text}</div>}
        {view.kind === 'fatal' && (
          <div className="sb-fatal" role="alert" data-testid="sb-error">
            <p>{view.text}</p>
            {corp && (
              <button type="button" className="sb-btn" onClick={() => location.replace(`/api/sidebar/oauth?corp=${encodeURIComponent(corp)}`)}>
                {t('retry')}
              </button>
            )}
          </div>
        )}
        {view.kind === 'customer' && sdk && <CustomerCard sdk={sdk} target={{ externalUserid: view.ext }} first={view.first} />}
        {view.kind === 'group' && sdk && <GroupCard sdk={sdk} chatId={view.chatId} />}
      </div>
    </NoticeProvider>
  );
}
