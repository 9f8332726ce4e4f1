import { useState } from 'react';
import { Alert, Button, Flex } from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/error-message';
import { wecomApi, type ConnectionTestResult } from '../../api/wecom';
import { useT } from '../../i18n/use-t';

/** What the test showed: WeCom's answer, or why the request itself failed (e.g. nothing saved yet). */
type Shown = { answer: ConnectionTestResult } | { failure: string };

function TestDetail({ shown }: { shown: Shown }) {
  const t = useT();
  if ('failure' in shown) return shown.failure ? <span data-testid="connection-test-detail">{shown.failure}</span> : null;
  const result = shown.answer;
  const failed = result.steps.find((s) => !s.ok);
  if (result.ok) {
    return result.followUsers !== null ? <span>{t('corp.testOkDetail', { n: result.followUsers })}</span> : null;
  }
  const code = failed?.errcode ?? result.errcode;
  const text = [failed?.step, code !== 0 ? `errcode ${code}` : null, failed?.errmsg ?? result.errmsg]
    .filter(Boolean)
    .join(' · ');
  return text ? <span data-testid="connection-test-detail">{text}</span> : null;
}

/** "Test connection": asks WeCom for a token with the saved credentials and shows the answer. */
export function ConnectionTest({ disabled }: { disabled?: boolean }) {
  const t = useT();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<Shown | null>(null);
  const ok = result !== null && 'answer' in result && result.answer.ok;

  const run = async () => {
    setTesting(true);
    setResult(null);
    try {
      setResult({ answer: await wecomApi.test() });
    } catch (err) {
      setResult({ failure: errorMessage(err) });
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
          type={ok ? 'success' : 'error'}
          showIcon
          closable
          onClose={() => setResult(null)}
          data-testid="connection-test-result"
          message={ok ? t('corp.testOk') : t('corp.testFailed')}
          description={<TestDetail shown={result} />}
        />
      )}
    </Flex>
  );
}
