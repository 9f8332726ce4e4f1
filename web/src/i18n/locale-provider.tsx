import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
// The ES modules: the CommonJS entries (antd/locale/zh_CN) reach the bundle as { default }, and antd fell back to English.
import zhCNAntd from 'antd/es/locale/zh_CN';
import enUSAntd from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { setRequestLanguage } from '../api/client';
import { LocaleContext } from './locale-context';
import { readStoredLocale, storeLocale, type Locale } from './messages';

const antdLocales = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;
// Ant Design's date pickers format with dayjs, whose language is global.
const dayjsLocales = { 'zh-CN': 'zh-cn', 'en-US': 'en' } as const;

const siyuTheme = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#1677ff', borderRadius: 6, colorBgLayout: '#f4f6fa' },
  components: { Layout: { siderBg: '#001529', headerBg: '#ffffff', headerPadding: '0 20px' } },
};

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = readStoredLocale();
    setRequestLanguage(initial); // before any child effect fires its first request
    dayjs.locale(dayjsLocales[initial]);
    return initial;
  });

  useEffect(() => {
    document.documentElement.lang = locale;
    setRequestLanguage(locale);
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setRequestLanguage(next);
    dayjs.locale(dayjsLocales[next]);
    setLocaleState(next);
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);

  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider locale={antdLocales[locale]} theme={siyuTheme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}
