// Order import: a CSV or XLSX file of order rows (one row per item; rows sharing an order number make one order)
// goes to POST /api/orders/import; the answer's counts and each refused row (its row number and why, worded from the
// row's code in the user's language) are shown.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Descriptions, Flex, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useT } from '../../i18n/use-t';
import type { OrderRowError } from '@siyu/contracts';
import { integrationsApi, type OrderImportResult } from './integrations-api';

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function OrderImportTab() {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ file: string; r: OrderImportResult }>();
  const [failure, setFailure] = useState<string>();

  const upload = async (file: File) => {
    const name = file.name.toLowerCase();
    const format = name.endsWith('.xlsx') ? 'xlsx' : name.endsWith('.csv') ? 'csv' : null;
    if (!format) {
      message.error(t('integrations.import.badType'));
      return;
    }
    if (file.size > 1_000_000) {
      message.error(t('integrations.import.tooLarge'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    setResult(undefined);
    try {
      const content = format === 'csv' ? await file.text() : toBase64(await file.arrayBuffer());
      setResult({ file: file.name, r: await integrationsApi.importOrders({ format, content }) });
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary">{t('integrations.import.help')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,.xlsx"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
        data-testid="order-import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? t('integrations.import.busy') : t('integrations.import.drop')}</p>
      </Upload.Dragger>
      {failure && <Alert type="error" showIcon message={failure} data-testid="order-import-failure" />}
      {result && (
        <Flex vertical gap={12} data-testid="order-import-result">
          <Descriptions
            size="small"
            bordered
            column={4}
            title={result.r.errors.length ? t('integrations.import.doneWithErrors', { file: result.file }) : t('integrations.import.done', { file: result.file })}
            items={[
              { key: 'orders', label: t('integrations.import.orders'), children: result.r.orders },
              { key: 'imported', label: t('integrations.import.imported'), children: <span data-testid="order-import-imported">{result.r.imported}</span> },
              { key: 'duplicates', label: t('integrations.import.duplicates'), children: result.r.duplicates },
              { key: 'errors', label: t('integrations.import.badRows'), children: result.r.errors.length },
            ]}
          />
          {result.r.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.code}-${e.path ?? ''}`}
              dataSource={result.r.errors}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="order-import-errors"
              columns={[
                { title: t('integrations.import.row'), dataIndex: 'row', width: 100 },
                {
                  title: t('integrations.import.reason'),
                  render: (_: unknown, e: OrderRowError) => (
                    <span data-testid="order-import-reason">
                      {t(`integrations.import.code.${e.code}`)}
                      {e.path && <Typography.Text type="secondary" code>{e.path}</Typography.Text>}
                    </span>
                  ),
                },
              ]}
            />
          )}
        </Flex>
      )}
    </Flex>
  );
}
