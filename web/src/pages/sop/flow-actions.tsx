// The buttons that move a flow through its life — activate a draft, pause, resume, archive — each confirmed first,
// shown to roles with sop.write only; the list and the detail page share them.
import type { SopFlow } from '@siyu/contracts';
import { App, Button, Popconfirm } from 'antd';
import { ApiError } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { useT } from '../../i18n/use-t';
import { sopApi, type SopFlowAction } from './sop-api';

const ACTIONS: Record<SopFlow['status'], SopFlowAction[]> = {
  draft: ['activate', 'archive'],
  active: ['pause', 'archive'],
  paused: ['resume', 'archive'],
  archived: [],
};

export function FlowActions({ flow, onDone, size }: { flow: SopFlow; onDone: (flow: SopFlow) => void; size?: 'small' }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  if (!can('sop.write')) return null;
  const run = async (action: SopFlowAction) => {
    try {
      const next = await sopApi.act(flow.id, action);
      message.success(t(`sop.action.${action}.done`));
      onDone(next);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <>
      {ACTIONS[flow.status].map((action) => (
        <Popconfirm key={action} title={t(`sop.action.${action}.confirm`)} onConfirm={() => run(action)}>
          <Button size={size} danger={action === 'archive'} type={action === 'activate' ? 'primary' : 'default'} data-testid={`sop-${action}`} onClick={(e) => e.stopPropagation()}>
            {t(`sop.action.${action}`)}
          </Button>
        </Popconfirm>
      ))}
    </>
  );
}
