// The group view: name, owner, member count, group tags, the group SOP items due today (to the group's owner), the
// guide's customers in the group with their tags (tap one for their customer view), and what to send to the group.
import { useCallback, useEffect, useState } from 'react';
import type { SidebarGroup, SidebarGroupSop } from '@siyu/contracts';
import { api, ApiError } from './api';
import { CustomerCard } from './customer-card';
import { GroupSopToday } from './group-sop-today';
import type { JsSdk } from './jssdk';
import { LibraryPanel } from './library-panel';
import { t } from './sidebar-i18n';

export function GroupCard({ sdk, chatId }: { sdk: JsSdk; chatId: string }) {
  const [g, setG] = useState<SidebarGroup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [member, setMember] = useState<string | null>(null);
  const [sop, setSop] = useState<SidebarGroupSop | null>(null);
  const [sopError, setSopError] = useState<string | null>(null);
  const loadSop = useCallback(
    () =>
      api<SidebarGroupSop>('GET', `/group-sop?chatId=${encodeURIComponent(chatId)}`)
        .then((r) => {
          setSop(r);
          setSopError(null);
        })
        // a group the guide is in but does not own has no group SOP of theirs: no section
        .catch((e: unknown) => setSopError(e instanceof ApiError && e.code === 'sidebar_group_not_yours' ? null : e instanceof Error ? e.message : String(e))),
    [chatId],
  );
  useEffect(() => {
    // the group and its SOP items of today side by side, not one after the other
    void api<SidebarGroup>('GET', `/group?chatId=${encodeURIComponent(chatId)}`)
      .then(setG)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    void loadSop();
  }, [chatId, loadSop]);
  if (error)
    return (
      <div className="sb-fatal" role="alert" data-testid="sb-error">
        <p>{error}</p>
      </div>
    );
  if (!g) return <div className="sb-splash">{t('loading')}</div>;
  if (member) return <CustomerCard sdk={sdk} target={{ id: member }} onBack={() => setMember(null)} />;
  return (
    <div data-testid="sb-group">
      <header className="sb-head">
        <div className="sb-avatar sb-group-avatar">群</div>
        <div>
          <div className="sb-name" data-testid="sb-group-name" elementtiming="sb-first-screen">
            {g.name}
          </div>
          <div className="sb-sub">
            <span>
              {t('owner')}: {g.owner}
            </span>
            <span data-testid="sb-member-count">
              {t('members')}: {g.memberCount}
            </span>
          </div>
        </div>
      </header>
      {g.tags.length > 0 && (
        <section className="sb-card">
          <h3>{t('groupTags')}</h3>
          <div className="sb-chips">
            {g.tags.map((x) => (
              <span key={x} className="sb-chip">
                {x}
              </span>
            ))}
          </div>
        </section>
      )}
      {sopError && (
        <p className="sb-card sb-muted" role="alert" data-testid="sb-group-sop-error">
          {sopError}
        </p>
      )}
      {sop && <GroupSopToday sop={sop} chatId={chatId} sdk={sdk} onChange={() => void loadSop()} />}
      <LibraryPanel sdk={sdk} target={{ chatId }} />
      <section className="sb-card" data-testid="sb-members">
        <h3>{t('groupCustomers')}</h3>
        {g.members.length === 0 && <p className="sb-muted">{t('empty')}</p>}
        {g.members.map((m) => (
          <button key={m.customerId} type="button" className="sb-member" onClick={() => setMember(m.customerId)} data-testid="sb-member">
            <b>{m.name}</b>
            <span className="sb-chips">
              {m.tags.map((x) => (
                <span key={x} className="sb-chip">
                  {x}
                </span>
              ))}
            </span>
          </button>
        ))}
      </section>
    </div>
  );
}
