// The flow editor (/sop/new, /sop/:id/edit): the name, the entry and its condition, the steps as a vertical line of
// cards, the exits and the holdout. Saving a running flow with steps removed asks where their customers go first.
// A flow the server refuses shows its message at the step (or part) it names.
import type { SopFlow, SopFlowInput } from '@siyu/contracts';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { EntryForm } from './entry-form';
import { ExitForm } from './exit-form';
import { FlowStatusTag } from './flow-status';
import { flowProblemOf, type FlowProblem } from './flow-problem';
import { MovesModal } from './moves-modal';
import { sopApi } from './sop-api';
import { SopNamesProvider } from './sop-names';
import { StepList } from './step-list';

const BLANK: SopFlowInput = {
  name: '',
  description: '',
  entry: { kind: 'event', event: 'follow.added' },
  condition: null,
  reentry: 'never',
  exit: { leaveWhenConditionFails: false },
  holdoutPercent: 0,
  steps: [
    { id: 's1', kind: 'wait', wait: { type: 'duration', minutes: 1440 } },
    { id: 's2', kind: 'remind', content: { text: '' } },
  ],
};

function inputOf(f: SopFlow): SopFlowInput {
  return { name: f.name, description: f.description, entry: f.entry, condition: f.condition, reentry: f.reentry, exit: f.exit, holdoutPercent: f.holdoutPercent, steps: f.steps };
}

export function FlowEditor() {
  const id = useParams().id;
  const { data, error, reload } = useRequest((signal) => (id ? sopApi.flow(id, signal) : Promise.resolve(null)), [id]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (id && !data) return <Spin />;
  return (
    <SopNamesProvider>
      <EditorBody key={data?.id ?? 'new'} flow={data ?? null} />
    </SopNamesProvider>
  );
}

function EditorBody({ flow }: { flow: SopFlow | null }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<SopFlowInput>(flow ? inputOf(flow) : BLANK);
  const [problem, setProblem] = useState<FlowProblem | null>(null);
  const [asking, setAsking] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setProblem(null), [draft]);
  const change = (patch: Partial<SopFlowInput>) => setDraft((d) => ({ ...d, ...patch }));
  const running = flow?.status === 'active' || flow?.status === 'paused';

  const save = async (moves?: Record<string, string>) => {
    const removed = flow && running ? flow.steps.map((s) => s.id).filter((sid) => !draft.steps.some((s) => s.id === sid)) : [];
    if (removed.length && moves === undefined) {
      setAsking(removed);
      return;
    }
    setAsking(null);
    setSaving(true);
    try {
      const saved = flow
        ? await sopApi.update(flow.id, { ...draft, ...(moves && Object.keys(moves).length ? { moves } : {}) })
        : await sopApi.create(draft);
      message.success(t('sop.saved'));
      navigate(`/sop/${saved.id}`);
    } catch (err) {
      const p = flowProblemOf(err, draft.steps);
      setProblem(p);
      message.error(p?.message ?? (err instanceof ApiError ? err.message : String(err)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="sop-editor">
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(flow ? `/sop/${flow.id}` : '/sop')} aria-label={t('sop.back')} />
            {flow ? t('sop.edit.title', { name: flow.name }) : t('sop.new.blank')}
            {flow && <FlowStatusTag status={flow.status} />}
          </Flex>
        }
        extra={
          <>
            <Button onClick={() => navigate(flow ? `/sop/${flow.id}` : '/sop')}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} disabled={!draft.name.trim()} onClick={() => save()} data-testid="sop-save">
              {t('common.save')}
            </Button>
          </>
        }
      />
      {running && <Alert type="warning" showIcon message={t('sop.edit.running')} />}
      {problem && <Alert type="error" showIcon message={problem.message} data-testid="sop-problem" />}
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('sop.edit.basics')}>
              <Form layout="vertical">
                <Form.Item label={t('sop.col.name')} required>
                  <Input value={draft.name} maxLength={64} onChange={(e) => change({ name: e.target.value })} data-testid="sop-name" />
                </Form.Item>
                <Form.Item label={t('sop.edit.description')}>
                  <Input.TextArea rows={2} maxLength={500} value={draft.description ?? ''} onChange={(e) => change({ description: e.target.value })} />
                </Form.Item>
              </Form>
            </Card>
            <Card size="small" title={t('sop.edit.entry')}>
              <EntryForm draft={draft} onChange={change} problem={problem} />
            </Card>
            <Card size="small" title={t('sop.edit.exit')}>
              <ExitForm draft={draft} onChange={change} problem={problem} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('sop.edit.steps')}>
            <StepList steps={draft.steps} onChange={(steps) => change({ steps })} problem={problem} />
          </Card>
        </Col>
      </Row>
      {asking && flow && (
        <MovesModal removed={asking} original={flow.steps} kept={draft.steps} onOk={(moves) => save(moves)} onCancel={() => setAsking(null)} />
      )}
    </Flex>
  );
}
