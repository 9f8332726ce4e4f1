import { useEffect } from 'react';
import { Button, Drawer, Flex, Form, Input, InputNumber, Select, Space, Switch, message } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { channelsApi, type ChannelCode, type ChannelInput, type WelcomeAttachment } from '../../api/channels';
import { errorMessage } from '../../api/error-message';
import { staffApi } from '../../api/staff';
import { useStaffLabel } from '../../components/staff-names';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { MaterialPicker } from '../materials/material-picker';
import { validated } from '../../components/validated';

type Shift = { userids: string[]; weekdays: number[]; start: string; end: string };
type Attachment = { kind: 'link' | 'image'; title?: string; url: string };
type Values = {
  name: string;
  groupId?: string;
  staffUserids: string[];
  backupUserids: string[];
  shifts: Shift[];
  dailyCap?: number | null;
  skipVerify: boolean;
  autoStart?: string;
  autoEnd?: string;
  tagIds: string[];
  welcomeText?: string;
  attachments: Attachment[];
  welcomeMaterialIds?: string[];
  cost?: number;
};

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function toInput(v: Values): ChannelInput {
  const attachments: WelcomeAttachment[] = v.attachments
    .filter((a) => a.url)
    .map((a) =>
      a.kind === 'image'
        ? { msgtype: 'image', image: { pic_url: a.url } }
        : { msgtype: 'link', link: { title: a.title || a.url, url: a.url } },
    );
  return {
    name: v.name,
    groupId: v.groupId ?? null,
    staffUserids: v.staffUserids ?? [],
    backupUserids: v.backupUserids ?? [],
    schedule: (v.shifts ?? []).map((s) => ({ userids: s.userids, weekdays: s.weekdays, start: s.start, end: s.end })),
    dailyCap: v.dailyCap ?? null,
    skipVerify: v.skipVerify,
    autoAccept: v.autoStart && v.autoEnd ? { start: v.autoStart, end: v.autoEnd } : null,
    tagIds: v.tagIds ?? [],
    welcome: { text: v.welcomeText ?? '', attachments, materialIds: v.welcomeMaterialIds ?? [] },
    cost: v.cost ?? 0,
  };
}

function fromCode(c: ChannelCode): Values {
  return {
    name: c.name,
    groupId: c.groupId ?? undefined,
    staffUserids: c.staffUserids,
    backupUserids: c.backupUserids ?? [],
    shifts: (c.schedule ?? []).map((s) => ({ ...s })),
    dailyCap: c.dailyCap ?? null,
    skipVerify: c.skipVerify ?? true,
    autoStart: c.autoAccept?.start,
    autoEnd: c.autoAccept?.end,
    tagIds: c.tagIds ?? [],
    welcomeText: c.welcome?.text,
    welcomeMaterialIds: c.welcome?.materialIds ?? [],
    attachments: (c.welcome?.attachments ?? []).flatMap((a): Attachment[] =>
      a.msgtype === 'link' ? [{ kind: 'link', title: a.link.title, url: a.link.url }] : a.msgtype === 'image' && a.image.pic_url ? [{ kind: 'image', url: a.image.pic_url }] : [],
    ),
    cost: c.cost,
  };
}

export function ChannelForm({ open, code, onClose, onSaved }: { open: boolean; code: ChannelCode | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const staff = useRequest((s) => staffApi.list({ page: 1, pageSize: 500 }, s), []);
  const staffLabel = useStaffLabel();
  const tags = useRequest((s) => channelsApi.tagOptions(s), []);
  const groups = useRequest((s) => channelsApi.groups(s), [open]);
  const staffOptions = (staff.data?.items ?? []).map((s) => ({ value: s.userid, label: staffLabel(s.userid, s.name) }));
  const tagOptions = (tags.data?.items ?? []).map((x) => ({ value: x.tagId, label: `${x.groupName} / ${x.name}` }));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(code ? fromCode(code) : { skipVerify: true, staffUserids: [], backupUserids: [], shifts: [], tagIds: [], attachments: [] });
  }, [open, code, form]);

  async function save() {
    const v = await validated(form);
    if (!v) return;
    try {
      if (code) await channelsApi.update(code.id, toInput(v));
      else await channelsApi.create(toInput(v));
      message.success(t('channels.saved'));
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={640}
      title={code ? t('channels.edit') : t('channels.new')}
      extra={<Button type="primary" onClick={() => void save()} data-testid="channel-save">{t('channels.save')}</Button>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="channel-form">
        <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="groupId" label={t('channels.group')}>
          <Select allowClear options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <Form.Item name="staffUserids" label={t('channels.staff')}>
          <Select mode="multiple" options={staffOptions} optionFilterProp="label" data-testid="channel-staff" />
        </Form.Item>
        <Form.Item name="backupUserids" label={t('channels.backup')}>
          <Select mode="multiple" options={staffOptions} optionFilterProp="label" />
        </Form.Item>
        <Form.Item label={t('channels.schedule')}>
          <Form.List name="shifts">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'userids']} rules={[{ required: true }]} noStyle>
                      <Select mode="multiple" options={staffOptions} style={{ width: 200 }} placeholder={t('channels.staff')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'weekdays']} rules={[{ required: true }]} noStyle>
                      <Select mode="multiple" style={{ width: 160 }} placeholder={t('channels.weekdays')} options={WEEKDAYS.map((d) => ({ value: d, label: String(d) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'start']} rules={[{ required: true, pattern: HHMM }]} noStyle>
                      <Input style={{ width: 80 }} placeholder="09:00" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'end']} rules={[{ required: true, pattern: HHMM }]} noStyle>
                      <Input style={{ width: 80 }} placeholder="18:00" />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ userids: [], weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' })}>
                  {t('channels.schedule.add')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Space wrap>
          <Form.Item name="dailyCap" label={t('channels.dailyCap')}>
            <InputNumber min={1} max={100000} />
          </Form.Item>
          <Form.Item name="skipVerify" label={t('channels.skipVerify')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item label={t('channels.autoAccept')}>
            <Space>
              <Form.Item name="autoStart" noStyle rules={[{ pattern: HHMM }]}>
                <Input style={{ width: 80 }} placeholder="09:00" />
              </Form.Item>
              <Form.Item name="autoEnd" noStyle rules={[{ pattern: HHMM }]}>
                <Input style={{ width: 80 }} placeholder="21:00" />
              </Form.Item>
            </Space>
          </Form.Item>
          <Form.Item name="cost" label={t('channels.cost')}>
            <InputNumber min={0} precision={2} />
          </Form.Item>
        </Space>
        <Form.Item name="tagIds" label={t('channels.tags')}>
          <Select mode="multiple" options={tagOptions} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="welcomeText" label={t('channels.welcome')} extra={t('channels.welcomeHint')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="welcomeMaterialIds" label={t('menu.materials')}>
          <MaterialPicker max={9} testId="welcome-materials" />
        </Form.Item>
        <Form.Item label={t('channels.attachments')}>
          <Form.List name="attachments" rules={[{ validator: async (_, v: Attachment[]) => { if ((v ?? []).length > 9) throw new Error('≤ 9'); } }]}>
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Space key={f.key} wrap>
                    <Form.Item name={[f.name, 'kind']} noStyle>
                      <Select style={{ width: 90 }} options={[{ value: 'link', label: 'link' }, { value: 'image', label: 'image' }]} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'title']} noStyle>
                      <Input placeholder={t('channels.attachment.title')} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'url']} noStyle rules={[{ required: true, type: 'url' }]}>
                      <Input placeholder={t('channels.attachment.url')} style={{ width: 240 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                {fields.length < 9 && (
                  <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'link', url: '' })}>
                    {t('channels.attachment.add')}
                  </Button>
                )}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
