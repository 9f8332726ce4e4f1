import { Segmented } from 'antd';
import { useLocale, useT } from '../i18n/use-t';
import type { Locale } from '../i18n/messages';

export function LocaleSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <Segmented<Locale>
      data-testid="locale-switch"
      size={size}
      value={locale}
      onChange={setLocale}
      options={[
        { value: 'zh-CN', label: t('locale.zh') },
        { value: 'en-US', label: t('locale.en') },
      ]}
    />
  );
}
