import { useCallback, useContext } from 'react';
import { LocaleContext, type LocaleContextValue } from './locale-context';
import { dictionaries, format, type MessageKey, type Translate, type TranslateVars } from './messages';

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale must be used inside <LocaleProvider>');
  return value;
}

/** `const t = useT(); t('dashboard.title')` */
export function useT(): Translate {
  const { locale } = useLocale();
  return useCallback(
    (key: MessageKey, vars?: TranslateVars) => format(dictionaries[locale][key] ?? key, vars),
    [locale],
  );
}
