import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Divider, Form, Input, Row, Space, Tag } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/error-message';
import { useRequest } from '../../api/use-request';
import { wecomApi, type WecomConnection, type WecomConnectionInput } from '../../api/wecom';
import { LoadError } from '../../components/load-error';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { CallbackUrl } from './callback-url';
import { ConnectionTest } from './connection-test';

type FieldName = keyof WecomConnectionInput;

interface FieldSpec {
  name: FieldName;
  label: MessageKey;
  help?: MessageKey;
  /** never sent back in clear: the field starts empty, left empty keeps the saved value */
  secret?: boolean;
  /** the server's format for the field */
  pattern?: RegExp;
  invalid?: MessageKey;
}

const FIELDS: FieldSpec[] = [
  {
    name: 'corpId',
    label: 'corp.field.corpId',
    help: 'corp.field.corpIdHelp',
    pattern: /^[A-Za-z0-9_-]*$/,
    invalid: 'corp.field.invalid',
  },
  { name: 'contactSecret', label: 'corp.field.contactSecret', help: 'corp.field.contactSecretHelp', secret: true },
  { name: 'agentId', label: 'corp.field.agentId', pattern: /^[0-9]*$/, invalid: 'corp.field.agentIdInvalid' },
  { name: 'appSecret', label: 'corp.field.appSecret', secret: true },
  {
    name: 'callbackToken',
    label: 'corp.field.callbackToken',
    help: 'corp.field.callbackTokenHelp',
    pattern: /^[A-Za-z0-9]{0,32}$/,
    invalid: 'corp.field.callbackTokenInvalid',
  },
  {
    name: 'callbackAesKey',
    label: 'corp.field.callbackAesKey',
    help: 'corp.field.callbackAesKeyHelp',
    secret: true,
    pattern: /^([A-Za-z0-9+/]{43})?$/,
    invalid: 'corp.field.callbackAesKeyInvalid',
  },
  {
    name: 'apiBase',
    label: 'corp.field.apiBase',
    help: 'corp.field.apiBaseHelp',
    pattern: /^(https?:\/\/.+)?$/,
    invalid: 'corp.field.apiBaseInvalid',
  },
];

type FormValues = Record<FieldName, string | undefined>;

function initialValues(conn: WecomConnection): FormValues {
  const values = {} as FormValues;
  // secrets start empty: what is saved shows as the placeholder
  for (const field of FIELDS) values[field.name] = field.secret ? undefined : conn[field.name];
  return values;
}

/** Typed secrets, and the plain fields that changed (an emptied field clears it on the server). */
function toInput(values: FormValues, initial: FormValues): WecomConnectionInput {
  const input: WecomConnectionInput = {};
  for (const field of FIELDS) {
    const value = values[field.name]?.trim() ?? '';
    if (field.secret ? value !== '' : value !== (initial[field.name] ?? '').trim()) input[field.name] = value;
  }
  return input;
}

function ConnectionForm({ connection, onSaved }: { connection: WecomConnection; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => form.setFieldsValue(initialValues(connection)), [connection, form]);

  const onFinish = async (values: FormValues) => {
    setSaving(true);
    try {
      await wecomApi.saveConnection(toInput(values, initialValues(connection)));
      message.success(t('corp.saved'));
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={initialValues(connection)}
      data-testid="connection-form"
    >
      <Row gutter={16}>
        {FIELDS.map((field) => (
          <Col xs={24} md={12} key={field.name}>
            <Form.Item
              name={field.name}
              label={t(field.label)}
              extra={field.help ? t(field.help) : undefined}
              rules={
                field.pattern
                  ? [{ pattern: field.pattern, message: t(field.invalid ?? 'corp.field.invalid') }]
                  : undefined
              }
            >
              {field.secret ? (
                <Input.Password
                  autoComplete="new-password"
                  placeholder={
                    connection[field.name]
                      ? t('corp.secretSet', { hint: connection[field.name] })
                      : t('corp.secretNotSet')
                  }
                  data-testid={`connection-${field.name}`}
                />
              ) : (
                <Input autoComplete="off" data-testid={`connection-${field.name}`} />
              )}
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="connection-save">
        {t('corp.save')}
      </Button>
    </Form>
  );
}

function ConnectionTags({ connection }: { connection: WecomConnection }) {
  const t = useT();
  return (
    <Space size={4}>
      <Tag color={connection.connected ? 'green' : 'default'}>
        {connection.connected ? t('corp.connected') : t('corp.notConnected')}
      </Tag>
      <Tag color={connection.callbackReady ? 'green' : 'orange'}>
        {connection.callbackReady ? t('corp.callbackReady') : t('corp.callbackNotReady')}
      </Tag>
    </Space>
  );
}

/** WeCom connection: the callback URL to paste into WeCom, the credentials, and a test button. */
export function WecomConnectionCard({
  fallbackCallbackUrl,
  isAdmin,
  onSaved,
}: {
  fallbackCallbackUrl: string;
  isAdmin: boolean;
  onSaved: () => void;
}) {
  const t = useT();
  const { data, error, loading, reload } = useRequest(
    (signal) => (isAdmin ? wecomApi.connection(signal) : Promise.resolve(undefined)),
    [isAdmin],
  );
  const callbackUrl = data?.callbackUrl || fallbackCallbackUrl;

  return (
    <Card
      title={t('corp.connection')}
      loading={isAdmin && loading && !data && !error}
      data-testid="wecom-connection"
      extra={data && <ConnectionTags connection={data} />}
    >
      <CallbackUrl url={callbackUrl} />
      {isAdmin && (
        <>
          <Divider />
          <LoadError error={error} onRetry={reload} />
          {data && (
            <ConnectionForm
              connection={data}
              onSaved={() => {
                reload();
                onSaved();
              }}
            />
          )}
          <Divider />
          <ConnectionTest />
        </>
      )}
    </Card>
  );
}
