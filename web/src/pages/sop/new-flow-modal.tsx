// "New flow": the five classic templates (new customer nurturing over 7 days, post-purchase care, repurchase
// reminder, churn win-back, birthday), each with what it does, or a blank flow. A template becomes a draft to edit.
import { SOP_TEMPLATE_KEYS, type SopTemplateKey } from '@siyu/contracts';
import { App, Button, Card, Flex, Modal, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { sopApi } from './sop-api';

export function NewFlowModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<SopTemplateKey | null>(null);
  const templates = useRequest((signal) => sopApi.templates(signal), []);
  const steps = (key: SopTemplateKey) => templates.data?.items.find((x) => x.key === key)?.flow.steps.length;
  const use = async (key: SopTemplateKey) => {
    setBusy(key);
    try {
      const flow = await sopApi.fromTemplate(key);
      navigate(`/sop/${flow.id}/edit`);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
      setBusy(null);
    }
  };
  return (
    <Modal open title={t('sop.new.title')} onCancel={onClose} footer={null} width={720} data-testid="sop-new-modal">
      <Flex vertical gap={12}>
        {SOP_TEMPLATE_KEYS.map((key) => (
          <Card key={key} size="small" hoverable onClick={() => !busy && use(key)} data-testid={`sop-template-${key}`} loading={busy === key}>
            <Card.Meta
              title={
                <Flex justify="space-between">
                  <span>{t(`sop.template.${key}`)}</span>
                  {steps(key) !== undefined && <Typography.Text type="secondary">{t('sop.new.steps', { n: steps(key) ?? 0 })}</Typography.Text>}
                </Flex>
              }
              description={t(`sop.template.${key}.desc`)}
            />
          </Card>
        ))}
        <Button icon={<FileAddOutlined />} onClick={() => navigate('/sop/new')} data-testid="sop-new-blank">
          {t('sop.new.blank')}
        </Button>
      </Flex>
    </Modal>
  );
}
