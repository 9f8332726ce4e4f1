import { Button, Result } from 'antd';
import { RocketOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';

export function ComingSoonPage({ labelKey }: { labelKey: MessageKey }) {
  const t = useT();
  return (
    <div data-testid="coming-soon">
      <Result
        icon={<RocketOutlined style={{ color: '#1677ff' }} />}
        title={t('comingSoon.title', { name: t(labelKey) })}
        subTitle={t('comingSoon.subtitle')}
        extra={
          <Link to="/">
            <Button type="primary">{t('comingSoon.back')}</Button>
          </Link>
        }
      />
    </div>
  );
}
