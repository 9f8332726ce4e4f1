import { useState } from 'react';
import { Alert, Button, Flex } from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/error-message';
import { wecomApi, type ConnectionTestResult } from '../../api/wecom';
import { useT } from '../../i18n/use-t';

function TestDetail({ result }: { result: ConnectionTestResult }) {
  const t = useT();
  const failed = result.steps.find((s) => !s.ok);
  if (result.ok) {
    return result.followUsers !== null ? <span>{t('corp.testOkDetail', { n: result.followUsers })}</span> : null;
  }
  const code = failed?.errcode ?? result.errcode;
  const text = [failed?.step, code !== null && code !== 0 ? `errcode ${code}` : null, failed?.errmsg ?? result.message]
    .filter(Boolean)
    .join(' · ');
  return text ? <span data-testid="connection-test-detail">{text}</span> : null;
}

/** "Test connection": asks WeCom for a token with the saved credentials and shows the answer. */
export function ConnectionTest({ disabled }: { disabled?: boolean }) {
  const t = useT();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);

  const run = async () => {
    setTesting(true);
    setResult(null);
    try {
      setResult(await wecomApi.test());
    } catch (err) {
      setResult({ ok: false, errcode: null, message: errorMessage(err), followUsers: null, steps: [] });
    } finally {
      setTesting(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <div>
        <Button icon={<ApiOutlined />} onClick={run} loading={testing} disabled={disabled} data-testid="connection-test">
          {t('corp.test')}
        </Button>
      </div>
      {result && (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          closable
          onClose={() => setResult(null)}
          data-testid="connection-test-result"
          message={result.ok ? t('corp.testOk') : t('corp.testFailed')}
          description={<TestDetail result={result} />}
        />
      )}
    </Flex>
  );
}
