import { Alert, Button } from 'antd';
import type { ApiError } from '../api/client';
import { useT } from '../i18n/use-t';

/** The standard "could not load" banner with a retry button. */
export function LoadError({ error, onRetry }: { error: ApiError | undefined; onRetry: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      message={t('common.loadFailed')}
      description={error.message}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
