// The guide's open tasks for this customer (churn and repurchase alerts): mark one done.
import type { SidebarTask } from '@siyu/contracts';
import { api } from './api';
import { when } from './customer-card';
import { t, tMaybe } from './sidebar-i18n';
import { useAction } from './use-action';

export function CustomerTasks({ tasks, onChange }: { tasks: SidebarTask[]; onChange: () => void }) {
  const { run, busy } = useAction();
  return (
    <section className="sb-card" data-testid="sb-tasks">
      <h3>{t('tasks')}</h3>
      {tasks.length === 0 && <p className="sb-muted">{t('noTasks')}</p>}
      {tasks.map((task) => (
        <div key={task.id} className="sb-row" data-testid="sb-task">
          <span>
            {tMaybe(`task.${task.kind}`, task.kind)} <small className="sb-muted">{when(task.createdAt)}</small>
          </span>
          <button
            type="button"
            className="sb-btn sb-small"
            disabled={busy}
            data-testid="sb-task-done"
            onClick={() => void run(() => api('POST', `/tasks/${task.id}/done`), t('done')).then(onChange)}
          >
            {t('done')}
          </button>
        </div>
      ))}
    </section>
  );
}
