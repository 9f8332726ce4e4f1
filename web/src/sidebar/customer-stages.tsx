// The customer's stage in each pipeline, and moving it (the pipelines' stages are fetched only when asked for).
import { useState } from 'react';
import type { SidebarCustomer, SidebarStageOptions } from '@siyu/contracts';
import { api } from './api';
import { t } from './sidebar-i18n';
import { useAction } from './use-action';

export function CustomerStages({ customer, onChange }: { customer: SidebarCustomer; onChange: () => void }) {
  const { run, busy } = useAction();
  const [options, setOptions] = useState<SidebarStageOptions | null>(null);
  if (customer.pipelines.length === 0) return null;
  return (
    <section className="sb-card" data-testid="sb-stages">
      <h3>{t('stage')}</h3>
      {customer.pipelines.map((p) => {
        const stages = options?.items.find((o) => o.id === p.id)?.stages;
        return (
          <div key={p.id} className="sb-row">
            <span>{p.name}</span>
            {stages ? (
              <select
                data-testid="sb-stage-select"
                disabled={busy}
                value={p.stageId ?? ''}
                onChange={(e) => void run(() => api('POST', `/customers/${customer.id}/stage`, { pipelineId: p.id, stageId: e.target.value }), t('moveStage')).then(onChange)}
              >
                <option value="" disabled>
                  {t('noStage')}
                </option>
                {stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            ) : (
              <button type="button" className="sb-link" data-testid="sb-stage-move" onClick={() => void run(() => api<SidebarStageOptions>('GET', '/stage-options')).then((o) => o && setOptions(o))}>
                <span data-testid="sb-stage-current">{customer.pipelines.find((x) => x.id === p.id)?.stageId ? stageName(customer, p.id) : t('noStage')}</span> ›
              </button>
            )}
          </div>
        );
      })}
    </section>
  );
}

function stageName(c: SidebarCustomer, pipelineId: string): string {
  const p = c.pipelines.find((x) => x.id === pipelineId);
  return p?.stageName ?? '';
}
