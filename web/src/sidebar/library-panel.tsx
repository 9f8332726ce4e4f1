// "What to say next": scripts (variables already filled for this chat) and materials, suggested ones first, by
// folder or search; one tap sends through the JS-SDK's sendChatMessage after the server counted the use (a deleted
// item is refused there with a clear message instead of being sent stale).
import { useEffect, useState } from 'react';
import type { SidebarLibrary, SidebarLibraryItem, SidebarMessage } from '@siyu/contracts';
import { api } from './api';
import type { JsSdk } from './jssdk';
import { t } from './sidebar-i18n';
import { useAction } from './use-action';

export type ChatTarget = { customerId: string } | { chatId: string };

/** `signals` changes when what points items at this chat (tags, stages) changes, so suggestions follow. */
export function LibraryPanel({ sdk, target, signals = '' }: { sdk: JsSdk; target: ChatTarget; signals?: string }) {
  const { run, busy } = useAction();
  const [q, setQ] = useState('');
  const [folder, setFolder] = useState<string | null>(null);
  const [lib, setLib] = useState<SidebarLibrary | null>(null);
  const [tick, setTick] = useState(0);
  const key = 'customerId' in target ? `customerId=${target.customerId}` : `chatId=${encodeURIComponent(target.chatId)}`;
  useEffect(() => {
    let live = true;
    const h = setTimeout(() => {
      void api<SidebarLibrary>('GET', `/library?${key}${q ? `&q=${encodeURIComponent(q)}` : ''}`)
        .then((r) => live && setLib(r))
        .catch(() => live && setLib({ items: [], materialsAvailable: false }));
    }, q ? 250 : 0);
    return () => {
      live = false;
      clearTimeout(h);
    };
  }, [key, q, tick, signals]);

  const send = (item: SidebarLibraryItem) =>
    void run(async () => {
      const { messages } = await api<{ messages: SidebarMessage[] }>('POST', '/send', { kind: item.kind, id: item.id, ...target });
      for (const m of messages) await sdk.sendChatMessage(m);
    }, t('sent')).then(() => setTick((x) => x + 1));

  const folders = [...new Set((lib?.items ?? []).map((i) => i.folder).filter((f): f is string => !!f))];
  const items = (lib?.items ?? []).filter((i) => !folder || i.folder === folder);
  return (
    <section className="sb-card" data-testid="sb-library">
      <h3>{t('library')}</h3>
      <input className="sb-input" type="search" placeholder={t('search')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="sb-search" />
      {folders.length > 0 && (
        <div className="sb-chips">
          {folders.map((f) => (
            <button key={f} type="button" className={`sb-chip${folder === f ? ' sb-on' : ''}`} onClick={() => setFolder(folder === f ? null : f)} data-testid="sb-folder">
              {f}
            </button>
          ))}
        </div>
      )}
      {lib && !lib.materialsAvailable && <p className="sb-muted">{t('materialsOff')}</p>}
      {lib && items.length === 0 && <p className="sb-muted">{t('empty')}</p>}
      {items.map((i) => (
        <div key={`${i.kind}:${i.id}`} className="sb-item" data-testid="sb-item">
          <div className="sb-item-text">
            <div>
              {i.suggested && <span className="sb-badge">{t('suggested')}</span>}
              <span className="sb-kind">{t(i.kind)}</span> <b>{i.title}</b>
            </div>
            <p data-testid="sb-item-preview">{i.preview}</p>
            <small className="sb-muted">{t('uses', { n: i.uses })}</small>
          </div>
          <button type="button" className="sb-btn sb-small" disabled={busy} onClick={() => send(i)} data-testid="sb-send">
            {t('send')}
          </button>
        </div>
      ))}
    </section>
  );
}
