// The guide's open tasks for this customer: SOP tasks (what to send, sent from here in one tap: the text, then each
// material, through the JS-SDK) and churn and repurchase alerts; mark one done.
import type { SidebarMessage, SidebarTask } from '@siyu/contracts';
import { api } from './api';
import { when } from './customer-card';
import type { JsSdk } from './jssdk';
import { t, tMaybe } from './sidebar-i18n';
import { useAction } from './use-action';

export function CustomerTasks({ tasks, customerId, sdk, onChange }: { tasks: SidebarTask[]; customerId: string; sdk: JsSdk; onChange: () => void }) {
  const { run, busy } = useAction();
  const sendAndFinish = (task: SidebarTask) =>
    void run(async () => {
      if (task.text) await sdk.sendChatMessage({ msgtype: 'text', text: { content: task.text } });
      for (const id of task.materialIds) {
        const { messages } = await api<{ messages: SidebarMessage[] }>('POST', '/send', { kind: 'material', id, customerId });
        for (const m of messages) await sdk.sendChatMessage(m);
      }
      await api('POST', `/tasks/${task.id}/done`);
    }, t('sent')).then(onChange);
  return (
    <section className="sb-card" data-testid="sb-tasks">
      <h3>{t('tasks')}</h3>
      {tasks.length === 0 && <p className="sb-muted">{t('noTasks')}</p>}
      {tasks.map((task) => (
        <div key={task.id} className="sb-row" data-testid="sb-task">
          <span>
            {task.source === 'sop' ? `${t('task.sop')} · ${task.title ?? ''}` : tMaybe(`task.${task.kind}`, task.kind)} <small className="sb-muted">{when(task.createdAt)}</small>
            {task.text && <small className="sb-muted sb-block" data-testid="sb-task-text">{task.text}</small>}
          </span>
          {task.source === 'sop' && (task.text || task.materialIds.length > 0) && (
            <button type="button" className="sb-btn sb-small" disabled={busy} data-testid="sb-task-send" onClick={() => sendAndFinish(task)}>
              {t('sendNow')}
            </button>
          )}
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
