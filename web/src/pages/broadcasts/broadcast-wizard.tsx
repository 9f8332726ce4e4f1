// The create wizard: audience → preview (per staff, with exclusions) → content → sending (now or later, holdout,
// attribution window). The server refuses what WeCom would (nobody left, a cap that skips everyone, a time in the
// past, too many attachments) with a message saying what to change, shown here before anything is sent.
import type { BroadcastContent, BroadcastPreview, CreateBroadcast } from '@siyu/contracts';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Radio, Steps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { AudienceStep, hasAudience, type AudienceDraft } from './audience-step';
import { broadcastsApi } from './broadcasts-api';
import { ContentStep } from './content-step';
import { PreviewStep } from './preview-step';

type Schedule = { name: string; later: boolean; sendAt: string; holdoutPercent: number; attributionDays: number };

export function BroadcastWizard() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [audience, setAudience] = useState<AudienceDraft>({ kind: 'customer', audience: {} });
  const [preview, setPreview] = useState<BroadcastPreview>();
  const [content, setContent] = useState<BroadcastContent[]>([{ text: '' }]);
  const [schedule, setSchedule] = useState<Schedule>({ name: '', later: false, sendAt: '', holdoutPercent: 0, attributionDays: 7 });
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await fn();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const loadPreview = () =>
    run(async () => {
      setPreview(await broadcastsApi.preview({ ...audience, holdoutPercent: schedule.holdoutPercent }));
      setStep(1);
    });
  const submit = () =>
    run(async () => {
      const body: CreateBroadcast = {
        ...audience,
        name: schedule.name.trim() || t('broadcasts.create'),
        variants: content.map((c) => ({ text: c.text, ...(c.materialIds?.length ? { materialIds: c.materialIds } : {}) })),
        holdoutPercent: schedule.holdoutPercent,
        attributionDays: schedule.attributionDays,
        ...(schedule.later && schedule.sendAt ? { sendAt: new Date(schedule.sendAt).toISOString() } : {}),
      };
      const res = await broadcastsApi.create(body);
      message.success(t('broadcasts.created'));
      navigate(`/broadcasts/${res.id}`);
    });

  const steps = [
    { title: t('broadcasts.step.audience'), body: <AudienceStep value={audience} onChange={(a) => { setAudience(a); setPreview(undefined); }} /> },
    { title: t('broadcasts.step.preview'), body: preview ? <PreviewStep preview={preview} /> : null },
    { title: t('broadcasts.step.content'), body: <ContentStep value={content} onChange={setContent} /> },
    {
      title: t('broadcasts.step.schedule'),
      body: (
        <Form layout="vertical" data-testid="broadcast-schedule">
          <Form.Item label={t('broadcasts.schedule.name')}>
            <Input maxLength={64} value={schedule.name} data-testid="broadcast-name" onChange={(e) => setSchedule({ ...schedule, name: e.target.value })} />
          </Form.Item>
          <Form.Item>
            <Radio.Group value={schedule.later} onChange={(e) => setSchedule({ ...schedule, later: e.target.value === true })}
              options={[{ value: false, label: t('broadcasts.schedule.now') }, { value: true, label: t('broadcasts.schedule.later') }]} />
          </Form.Item>
          {schedule.later && (
            <Form.Item>
              <Input type="datetime-local" value={schedule.sendAt} data-testid="broadcast-send-at" onChange={(e) => setSchedule({ ...schedule, sendAt: e.target.value })} />
            </Form.Item>
          )}
          <Form.Item label={t('broadcasts.schedule.holdout')} extra={t('broadcasts.schedule.holdoutHelp')}>
            <InputNumber min={0} max={50} value={schedule.holdoutPercent} data-testid="broadcast-holdout" onChange={(v) => setSchedule({ ...schedule, holdoutPercent: v ?? 0 })} />
          </Form.Item>
          <Form.Item label={t('broadcasts.schedule.attribution')}>
            <InputNumber min={1} max={90} value={schedule.attributionDays} onChange={(v) => setSchedule({ ...schedule, attributionDays: v ?? 7 })} />
          </Form.Item>
        </Form>
      ),
    },
  ];
  const canNext = step === 0 ? hasAudience(audience) : step === 2 ? content.every((c) => c.text.trim() || c.materialIds?.length) : true;
  return (
    <Flex vertical gap={16} data-testid="broadcast-wizard">
      <PageHeader title={t('broadcasts.create')} />
      <Steps current={step} items={steps.map((s) => ({ title: s.title }))} />
      <Card>{steps[step].body}</Card>
      {problem && <Alert type="error" showIcon message={problem} data-testid="broadcast-problem" />}
      <Flex gap={8}>
        <Button onClick={() => navigate('/broadcasts')}>{t('broadcasts.cancelWizard')}</Button>
        {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('broadcasts.back')}</Button>}
        {step < 3 ? (
          <Button type="primary" disabled={!canNext} loading={busy} data-testid="broadcast-next" onClick={() => (step === 0 ? loadPreview() : setStep(step + 1))}>
            {t('broadcasts.next')}
          </Button>
        ) : (
          <Button type="primary" loading={busy} data-testid="broadcast-submit" onClick={submit}>
            {t('broadcasts.submit')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
