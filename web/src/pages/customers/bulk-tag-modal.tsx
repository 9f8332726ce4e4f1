import { useState } from 'react';
import { Alert, Form, Modal, Progress, Radio, Select, Space, Typography } from 'antd';
import { bulkTagApi } from '../../api/bulk-tag';
import { errorWithDetail } from '../../api/error-message';
import { profilesApi } from '../../api/profiles';
import type { Rule } from '../../api/segments';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { jobEnded, useTagJob } from './use-tag-job';

type Scope = 'selected' | 'all';

/** Adds / removes corp tags on the selected customers or on every customer matching the list's filter. */
export function BulkTagModal({ selected, filter, total, onClose }: { selected: string[]; filter: Rule; total: number; onClose: (changed: boolean) => void }) {
  const t = useT();
  const [scope, setScope] = useState<Scope>(selected.length ? 'selected' : 'all');
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const job = useTagJob(jobId);
  const ended = jobEnded(job);
  const { data: tags } = useRequest((signal) => profilesApi.tags(signal), []);
  const options = (tags?.groups ?? []).map((g) => ({ label: g.name, options: g.tags.map((tag) => ({ value: tag.tagId, label: tag.name })) }));

  const start = async () => {
    if (add.length === 0 && remove.length === 0) return setError(t('bulkTag.needTags'));
    setStarting(true);
    setError(null);
    try {
      const res = await bulkTagApi.start(scope === 'selected' ? { customerIds: selected } : { filter }, add, remove);
      setJobId(res.id);
    } catch (err) {
      setError(errorWithDetail(err));
    } finally {
      setStarting(false);
    }
  };
  const percent = job && job.total > 0 ? Math.floor(((job.done + job.failed) / job.total) * 100) : ended ? 100 : 0;

  return (
    <Modal
      open
      title={t('bulkTag.action')}
      okText={jobId ? t('bulkTag.close') : t('bulkTag.start')}
      onOk={() => (jobId ? onClose(true) : void start())}
      okButtonProps={{ loading: starting || (!!jobId && !ended), 'data-testid': 'bulk-tag-ok' }}
      onCancel={() => onClose(!!jobId)}
      cancelButtonProps={{ style: jobId ? { display: 'none' } : undefined }}
      data-testid="bulk-tag-modal"
    >
      <Form layout="vertical" disabled={!!jobId}>
        <Form.Item label={t('bulkTag.scope')}>
          <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
            <Space direction="vertical">
              <Radio value="selected" disabled={selected.length === 0} data-testid="bulk-tag-scope-selected">
                {t('bulkTag.scopeSelected', { n: selected.length })}
              </Radio>
              <Radio value="all" data-testid="bulk-tag-scope-all">
                {t('bulkTag.scopeAll', { n: total })}
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('bulkTag.add')}>
          <Select mode="multiple" value={add} onChange={setAdd} options={options} optionFilterProp="label" data-testid="bulk-tag-add" />
        </Form.Item>
        <Form.Item label={t('bulkTag.remove')}>
          <Select mode="multiple" value={remove} onChange={setRemove} options={options} optionFilterProp="label" data-testid="bulk-tag-remove" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="bulk-tag-error" />}
      {jobId && (
        <div data-testid="bulk-tag-progress" data-status={job?.status ?? 'queued'} data-percent={percent}>
          <Progress percent={percent} status={job?.status === 'failed' ? 'exception' : ended ? 'success' : 'active'} />
          <Typography.Text type={job?.failed ? 'warning' : 'secondary'} data-testid="bulk-tag-result">
            {ended && job ? t('bulkTag.result', { customers: job.customers, done: job.done, failed: job.failed }) : t('bulkTag.running')}
          </Typography.Text>
        </div>
      )}
    </Modal>
  );
}
