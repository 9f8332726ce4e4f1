// The group SOP items due today in the group view (only the group's owner gets them): the text and the materials of
// each; one tap sends them to the group through the JS-SDK (the text, then each material as the server readies it)
// and marks the item done; "done" alone for what was sent another way (WeCom's own group message task).
import type { SidebarGroupSop, SidebarGroupSopItem, SidebarMessage } from '@siyu/contracts';
import { api } from './api';
import { when } from './customer-card';
import type { JsSdk } from './jssdk';
import { t } from './sidebar-i18n';
import { useAction } from './use-action';

export function GroupSopToday({ sop, chatId, sdk, onChange }: { sop: SidebarGroupSop; chatId: string; sdk: JsSdk; onChange: () => void }) {
  const { run, busy } = useAction();
  const finish = (i: SidebarGroupSopItem) => api('POST', '/group-sop/done', { chatId, pushId: i.pushId, occurrenceAt: i.occurrenceAt });
  const sendAndFinish = (i: SidebarGroupSopItem) =>
    void run(async () => {
      if (i.text.trim()) await sdk.sendChatMessage({ msgtype: 'text', text: { content: i.text } });
      for (const m of i.materials) {
        const { messages } = await api<{ messages: SidebarMessage[] }>('POST', '/send', { kind: 'material', id: m.id, chatId });
        for (const msg of messages) await sdk.sendChatMessage(msg);
      }
      await finish(i);
    }, t('sent')).then(onChange);
  return (
    <section className="sb-card" data-testid="sb-group-sop">
      <h3>{t('groupSop')}</h3>
      {sop.items.length === 0 && <p className="sb-muted">{t('groupSopNone')}</p>}
      {sop.items.map((i) => (
        <div key={`${i.pushId}@${i.occurrenceAt}`} className="sb-item" data-testid="sb-group-sop-item" data-status={i.status}>
          <div className="sb-item-text">
            <div>
              <span className="sb-kind">{when(i.occurrenceAt)}</span> <b>{i.planName}</b>
            </div>
            {i.text && <p data-testid="sb-group-sop-text">{i.text}</p>}
            {i.materials.length > 0 && <small className="sb-muted sb-block">{t('groupSopMaterials', { names: i.materials.map((m) => m.title).join('、') })}</small>}
            {i.materialsGone > 0 && <small className="sb-muted sb-block">{t('groupSopMaterialsGone', { n: i.materialsGone })}</small>}
            <small className="sb-muted sb-block" data-testid="sb-group-sop-status">
              {t(`groupSop.${i.status}`)}
            </small>
          </div>
          {i.status === 'to_send' && (i.text.trim() || i.materials.length > 0) && (
            <button type="button" className="sb-btn sb-small" disabled={busy} data-testid="sb-group-sop-send" onClick={() => sendAndFinish(i)}>
              {t('sendNow')}
            </button>
          )}
          {i.status !== 'done' && (
            <button type="button" className="sb-btn sb-small" disabled={busy} data-testid="sb-group-sop-done" onClick={() => void run(() => finish(i), t('done')).then(onChange)}>
              {t('done')}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
