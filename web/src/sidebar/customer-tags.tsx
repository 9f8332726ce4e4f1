// The customer's tags: remove one, or add from the corp's tag library (the change goes to WeCom's mark_tag through
// the tags module; a 48009 shows its banner and leaves the rest of the sidebar working).
import { useState } from 'react';
import type { SidebarCustomer, SidebarTagOptions } from '@siyu/contracts';
import { api } from './api';
import { t } from './sidebar-i18n';
import { useAction } from './use-action';

export function CustomerTags({ customer, onChange }: { customer: SidebarCustomer; onChange: () => void }) {
  const { run, busy } = useAction();
  const [options, setOptions] = useState<SidebarTagOptions | null>(null);
  const change = (add: string[], remove: string[]) => void run(() => api('POST', `/customers/${customer.id}/tags`, { add, remove })).then((r) => r !== undefined && onChange());
  const have = new Set(customer.tags.map((x) => x.tagId));
  return (
    <section className="sb-card" data-testid="sb-tags">
      <h3>{t('tags')}</h3>
      <div className="sb-chips">
        {customer.tags.map((tag) => (
          <span key={tag.tagId} className="sb-chip" data-testid="sb-tag">
            {tag.name}
            <button type="button" aria-label="×" disabled={busy} onClick={() => change([], [tag.tagId])}>
              ×
            </button>
          </span>
        ))}
        <button type="button" className="sb-chip sb-chip-add" data-testid="sb-tag-add" onClick={() => void run(() => api<SidebarTagOptions>('GET', '/tag-options')).then((o) => o && setOptions(o))}>
          {t('addTag')}
        </button>
      </div>
      {options && (
        <div className="sb-sheet" data-testid="sb-tag-sheet">
          {options.groups.map((g) => (
            <div key={g.name}>
              <small className="sb-muted">{g.name}</small>
              <div className="sb-chips">
                {g.tags
                  .filter((x) => !have.has(x.tagId))
                  .map((x) => (
                    <button
                      key={x.tagId}
                      type="button"
                      className="sb-chip"
                      disabled={busy}
                      data-testid="sb-tag-option"
                      onClick={() => {
                        setOptions(null);
                        change([x.tagId], []);
                      }}
                    >
                      {x.name}
                    </button>
                  ))}
              </div>
            </div>
          ))}
          <button type="button" className="sb-link" onClick={() => setOptions(null)}>
            {t('cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
