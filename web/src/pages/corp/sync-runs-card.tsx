import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, List, Space } from 'antd';
import { ReloadOutlined, SwapOutlined, SyncOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/error-message';
import { useRequest } from '../../api/use-request';
import { isActiveRun, wecomApi } from '../../api/wecom';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';
import { SyncRunItem } from './sync-run-item';

const POLL_MS = 2000;

/** Sync runs with progress bars; polls every 2 s while a run is queued or running. */
export function SyncRunsCard({ isAdmin, onRunFinished }: { isAdmin: boolean; onRunFinished: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useRequest((signal) => wecomApi.runs(signal), []);
  const [starting, setStarting] = useState<'full' | 'reconcile' | null>(null);
  const runs = data ?? [];
  const active = runs.some(isActiveRun);

  // poll while something runs
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [data, active, reload]);

  // a run just finished: feature warnings and the corp may have changed
  const wasActive = useRef(false);
  const onFinished = useRef(onRunFinished);
  onFinished.current = onRunFinished;
  useEffect(() => {
    if (wasActive.current && !active) onFinished.current();
    wasActive.current = active;
  }, [active]);

  const start = async (kind: 'full' | 'reconcile') => {
    setStarting(kind);
    try {
      await (kind === 'full' ? wecomApi.startSync() : wecomApi.reconcile());
      message.success(kind === 'full' ? t('corp.sync.started') : t('corp.sync.reconcileStarted'));
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setStarting(null);
    }
  };

  const extra = (
    <Space>
      {isAdmin && (
        <>
          <Button
            type="primary"
            icon={<SyncOutlined />}
            loading={starting === 'full'}
            disabled={active}
            onClick={() => start('full')}
            data-testid="sync-full"
          >
            {t('corp.sync.full')}
          </Button>
          <Button
            icon={<SwapOutlined />}
            loading={starting === 'reconcile'}
            disabled={active}
            onClick={() => start('reconcile')}
            data-testid="sync-reconcile"
          >
            {t('corp.sync.reconcile')}
          </Button>
        </>
      )}
      <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
    </Space>
  );

  return (
    <Card title={t('corp.sync.title')} extra={extra} data-testid="sync-runs">
      <LoadError error={error} onRetry={reload} />
      <List
        loading={loading && !data}
        dataSource={runs}
        locale={{ emptyText: t('corp.sync.empty') }}
        renderItem={(run) => <SyncRunItem key={run.id} run={run} />}
      />
    </Card>
  );
}
