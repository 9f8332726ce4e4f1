import { Alert } from 'antd';

export function SaveError({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon message={error} data-testid="save-error" /> : null;
}
