// The sidebar's flow in React: boot.ts decides the first screen (the staff member's session, the JS-SDK registered
// with the server's signatures, the chat's context); this shows its outcome: the customer view (hydrating the first
// screen the server rendered, when it did), the group view, or a clear message on the phone, never a blank page.
import { useEffect, useState } from 'react';
import type { SidebarCustomer } from '@siyu/contracts';
import type { Boot } from './boot';
import { CustomerCard } from './customer-card';
import { GroupCard } from './group-card';
import type { JsSdk } from './jssdk';
import { NoticeProvider } from './notices';
import { t } from './sidebar-i18n';

type View =
  | { kind: 'loading'; text: string }
  | { kind: 'fatal'; text: string }
  | { kind: 'customer'; sdk: JsSdk; ext: string; first: Promise<SidebarCustomer>; shown: SidebarCustomer | null }
  | { kind: 'group'; sdk: JsSdk; chatId: string };

const viewOf = (b: Boot): View => (b.kind === 'leaving' ? { kind: 'loading', text: b.text } : b);

/**
 * `start`: the boot chain's outcome when it was known before React started (the server's first screen included);
 * `signIn`: how "open again" signs in (the server's renderer has no page to leave).
 */
export function SidebarApp({ start, later, corp, signIn }: { start: Boot | null; later?: Promise<Boot>; corp: string; signIn?: () => void }) {
  const [view, setView] = useState<View>(start ? viewOf(start) : { kind: 'loading', text: t('loading') });
  // The server's first screen is inert until React has hydrated it: its controls stay disabled until then, so a tap
  // is never swallowed by a page that cannot answer it yet.
  const [live, setLive] = useState(false);
  useEffect(() => {
    setLive(true);
    if (!start && later) void later.then((b) => setView(viewOf(b)));
  }, [start, later]);
  return (
    <NoticeProvider>
      <fieldset className="sb-page" data-testid="sidebar" disabled={!live}>
        {view.kind === 'loading' && <div className="sb-splash">{view.text}</div>}
        {view.kind === 'fatal' && (
          <div className="sb-fatal" role="alert" data-testid="sb-error">
            <p>{view.text}</p>
            {corp && signIn && (
              <button type="button" className="sb-btn" onClick={signIn}>
                {t('retry')}
              </button>
            )}
          </div>
        )}
        {view.kind === 'customer' && <CustomerCard sdk={view.sdk} target={{ externalUserid: view.ext }} first={view.first} shown={view.shown} />}
        {view.kind === 'group' && <GroupCard sdk={view.sdk} chatId={view.chatId} />}
      </fieldset>
    </NoticeProvider>
  );
}
