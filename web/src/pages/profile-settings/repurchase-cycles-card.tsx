import { useState } from 'react';
import { App, Button, Flex, Form, Input, InputNumber, Popconfirm, Select, Table, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { profileSettingsApi, type RepurchaseCycle } from '../../api/profile-settings';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';

type Draft = Omit<RepurchaseCycle, 'id' | 'updatedAt'>;

/** Per-product repurchase cycles: a sku, or a whole category, is due again after N days (× the alert factor). */
export function RepurchaseCyclesCard({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const { data, reload } = useRequest((signal) => profileSettingsApi.cycles(signal), []);
  const [form] = Form.useForm<Draft>();
  const [saving, setSaving] = useState(false);
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));
  const save = async (draft: Draft) => {
    setSaving(true);
    try {
      await profileSettingsApi.saveCycle({ ...draft, name: draft.name ?? '' });
      form.resetFields();
      reload();
    } catch (err) {
      fail(err);
    } finally {
      setSaving(false);
    }
  };
  const remove = (id: string) => profileSettingsApi.deleteCycle(id).then(reload, fail);
  return (
    <Flex vertical gap={12} data-testid="repurchase-cycles">
      <Typography.Text type="secondary">{t('cycles.hint')}</Typography.Text>
      <Table<RepurchaseCycle>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data?.items ?? []}
        columns={[
          { key: 'match', title: t('cycles.match'), render: (_, c) => t(c.match === 'sku' ? 'cycles.bySku' : 'cycles.byCategory') },
          { key: 'value', title: t('cycles.value'), dataIndex: 'value' },
          { key: 'name', title: t('cycles.name'), render: (_, c) => c.name || '-' },
          { key: 'cycleDays', title: t('cycles.days'), dataIndex: 'cycleDays' },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, c) =>
              canEdit && (
                <Popconfirm title={t('cycles.deleteConfirm')} onConfirm={() => void remove(c.id)}>
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {canEdit && (
        <Form form={form} layout="inline" onFinish={(v) => void save(v)} initialValues={{ match: 'sku', cycleDays: 30 }}>
          <Form.Item name="match">
            <Select style={{ width: 110 }} options={[{ value: 'sku', label: t('cycles.bySku') }, { value: 'category', label: t('cycles.byCategory') }]} />
          </Form.Item>
          <Form.Item name="value" rules={[{ required: true, message: t('cycles.valueRequired') }]}>
            <Input placeholder={t('cycles.value')} data-testid="cycle-value" />
          </Form.Item>
          <Form.Item name="name">
            <Input placeholder={t('cycles.name')} />
          </Form.Item>
          <Form.Item name="cycleDays" rules={[{ required: true }]}>
            <InputNumber min={1} max={3650} addonAfter={t('cycles.daysUnit')} data-testid="cycle-days" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="cycle-save">
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Flex>
  );
}
