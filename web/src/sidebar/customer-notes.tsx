// Notes on the customer: the latest few, and a new one.
import { useState } from 'react';
import type { SidebarCustomer } from '@siyu/contracts';
import { api } from './api';
import { when } from './customer-card';
import { t } from './sidebar-i18n';
import { useAction } from './use-action';

export function CustomerNotes({ customer, onChange }: { customer: SidebarCustomer; onChange: () => void }) {
  const { run, busy } = useAction();
  const [text, setText] = useState('');
  const save = () =>
    void run(() => api('POST', `/customers/${customer.id}/notes`, { content: text.trim() }), t('save')).then((r) => {
      if (r === undefined) return;
      setText('');
      onChange();
    });
  return (
    <section className="sb-card" data-testid="sb-notes">
      <h3>{t('notes')}</h3>
      <textarea className="sb-input" rows={2} maxLength={2000} placeholder={t('notePlaceholder')} value={text} onChange={(e) => setText(e.target.value)} data-testid="sb-note-input" />
      <button type="button" className="sb-btn" disabled={busy || !text.trim()} onClick={save} data-testid="sb-note-save">
        {t('save')}
      </button>
      {customer.notes.map((n) => (
        <div key={n.id} className="sb-note" data-testid="sb-note">
          <p>{n.content}</p>
          <small className="sb-muted">{when(n.createdAt)}</small>
        </div>
      ))}
    </section>
  );
}
