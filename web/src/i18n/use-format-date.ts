import { useCallback } from 'react';
import { useLocale } from './use-t';

/** Formats an ISO timestamp (or Date) as a short local date-time; '-' when empty or invalid. */
export function useFormatDate(): (value: string | Date | null | undefined, withTime?: boolean) => string {
  const { locale } = useLocale();
  return useCallback(
    (value, withTime = true) => {
      if (!value) return '-';
      const date = value instanceof Date ? value : new Date(value);
      if (Number.isNaN(date.getTime())) return '-';
      return date.toLocaleString(locale, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
      });
    },
    [locale],
  );
}
