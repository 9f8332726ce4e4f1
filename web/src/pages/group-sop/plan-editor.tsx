// Create or edit a plan: its name, the groups (owners, name contains, chosen groups — names shown, ids stored; group
// tags are not synced, said so), the pushes and, beside them, the calendar preview. The server's refusal (an unknown
// owner, a one-off in the past, a selection matching no group …) is shown above the form as it says it.
import type { GroupSopPlanInput, GroupSopSelection } from '@siyu/contracts';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Spin } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { segmentsApi } from '../../api/segments';
import { useRequest } from '../../api/use-request';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { CalendarPreview } from './calendar-preview';
import { groupSopApi } from './group-sop-api';
import { PushForm, type PushDraft } from './push-form';

const NEW_PUSH: PushDraft = { schedule: { kind: 'daily', time: '08:00' }, action: 'group_message', content: { text: '' } };
const NO_NAMES = { tags: [], channels: [], staff: [], groups: [], eventTypes: [] };

export function PlanEditor() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const id = useParams().id;
  const names = useRequest((signal) => segmentsApi.ruleOptions(signal).catch(() => NO_NAMES), []);
  const existing = useRequest((signal) => (id ? groupSopApi.get(id, signal) : Promise.resolve(null)), [id]);
  const [name, setName] = useState('');
  const [selection, setSelection] = useState<GroupSopSelection>({});
  const [pushes, setPushes] = useState<PushDraft[]>([NEW_PUSH]);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    setName(p.name);
    setSelection(p.selection);
    setPushes(p.pushes.map((x) => ({ id: x.id, schedule: x.schedule, action: x.action, content: x.content })));
  }, [existing.data]);

  const set = (patch: Partial<GroupSopSelection>) => {
    const next = { ...selection, ...patch };
    for (const k of Object.keys(next) as Array<keyof GroupSopSelection>) if (next[k] === undefined) delete next[k];
    setSelection(next);
  };
  const save = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const body: GroupSopPlanInput = { name: name.trim(), selection, pushes };
      const saved = id ? await groupSopApi.update(id, body) : await groupSopApi.create(body);
      message.success(t('groupSop.editor.saved'));
      navigate(`/group-sop/${saved.id}`);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (id && existing.loading) return <Spin />;
  const staff = (names.data?.staff ?? []).map((s) => ({ value: s.userid, label: s.department ? `${s.name}（${s.department}）` : s.name }));
  const groups = (names.data?.groups ?? []).map((g) => ({ value: g.chatId, label: g.name || g.chatId }));
  return (
    <Flex vertical gap={16} data-testid="group-sop-editor">
      <PageHeader title={t(id ? 'groupSop.editor.editTitle' : 'groupSop.editor.createTitle')} />
      {problem && <Alert type="error" showIcon message={problem} data-testid="group-sop-problem" />}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card size="small">
              <Form layout="vertical">
                <Form.Item label={t('groupSop.editor.name')} required>
                  <Input data-testid="group-sop-name" maxLength={64} placeholder={t('groupSop.editor.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} />
                </Form.Item>
                <Form.Item label={t('groupSop.editor.selection')} extra={t('groupSop.editor.noTags')}>
                  <Flex vertical gap={8}>
                    <Select mode="multiple" allowClear showSearch optionFilterProp="label" placeholder={t('groupSop.editor.owners')} options={staff} data-testid="group-sop-owners"
                      value={selection.ownerUserids ?? []} onChange={(ids: string[]) => set({ ownerUserids: ids.length ? ids : undefined })} />
                    <Input placeholder={t('groupSop.editor.nameContains')} data-testid="group-sop-name-contains" value={selection.nameContains ?? ''}
                      onChange={(e) => set({ nameContains: e.target.value || undefined })} />
                    <Select mode="multiple" allowClear showSearch optionFilterProp="label" placeholder={t('groupSop.editor.groups')} options={groups} data-testid="group-sop-groups"
                      value={selection.chatIds ?? []} onChange={(ids: string[]) => set({ chatIds: ids.length ? ids : undefined })} />
                  </Flex>
                </Form.Item>
              </Form>
            </Card>
            {pushes.map((p, i) => (
              <PushForm key={p.id ?? i} index={i} value={p}
                onChange={(next) => setPushes(pushes.map((x, j) => (j === i ? next : x)))}
                onRemove={pushes.length > 1 ? () => setPushes(pushes.filter((_, j) => j !== i)) : undefined} />
            ))}
            <Flex gap={8}>
              <Button icon={<PlusOutlined />} onClick={() => setPushes([...pushes, NEW_PUSH])} disabled={pushes.length >= 20} data-testid="group-sop-add-push">
                {t('groupSop.editor.addPush')}
              </Button>
              <Button type="primary" loading={busy} onClick={save} data-testid="group-sop-save">
                {t('groupSop.editor.save')}
              </Button>
              <Button onClick={() => navigate(id ? `/group-sop/${id}` : '/group-sop')}>{t('groupSop.editor.cancel')}</Button>
            </Flex>
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <CalendarPreview pushes={pushes} />
        </Col>
      </Row>
    </Flex>
  );
}
