// A short timeline of the customer, filterable by type.
import { useEffect, useState } from 'react';
import type { SidebarCustomer, SidebarTimelineItem } from '@siyu/contracts';
import { api } from './api';
import { when } from './customer-card';
import { t } from './sidebar-i18n';

export function CustomerTimeline({ customer }: { customer: SidebarCustomer }) {
  const [type, setType] = useState('');
  const [items, setItems] = useState<SidebarTimelineItem[]>(customer.timeline);
  useEffect(() => {
    if (!type) return setItems(customer.timeline);
    let live = true;
    void api<{ items: SidebarTimelineItem[] }>('GET', `/customers/${customer.id}/timeline?types=${encodeURIComponent(type)}`)
      .then((r) => live && setItems(r.items))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [type, customer]);
  return (
    <section className="sb-card" data-testid="sb-timeline">
      <h3>
        {t('timeline')}
        <select className="sb-inline" value={type} onChange={(e) => setType(e.target.value)} data-testid="sb-timeline-type">
          <option value="">{t('allTypes')}</option>
          {customer.timelineTypes.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
      </h3>
      {items.length === 0 && <p className="sb-muted">{t('empty')}</p>}
      {items.map((e) => (
        <div key={e.id} className="sb-row sb-tl" data-testid="sb-timeline-item">
          <span>
            {e.type}
            {e.summary && <small className="sb-muted"> · {e.summary}</small>}
          </span>
          <small className="sb-muted">{when(e.occurredAt)}</small>
        </div>
      ))}
    </section>
  );
}
