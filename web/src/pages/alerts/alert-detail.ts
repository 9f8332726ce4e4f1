import type { AlertItem } from '../../api/alerts';
import type { MessageKey, Translate } from '../../i18n/messages';

/** One line explaining why the alert was raised, from the detail the server stored with it. */
export function alertDetail(a: AlertItem, t: Translate, formatDate: (v: string) => string): string {
  const d = a.detail;
  const at = (v: unknown) => (typeof v === 'string' ? formatDate(v) : '-');
  switch (a.kind) {
    case 'churn_deleted':
      return t('alerts.detail.deleted', { at: at(d.at) });
    case 'churn_inactive':
      return t('alerts.detail.inactive', { at: at(d.lastActiveAt), days: String(d.days ?? '-') });
    case 'churn_rfm':
      return t('alerts.detail.rfm', { cls: typeof d.class === 'string' ? t(`rfm.${d.class}` as MessageKey) : '-', at: at(d.lastOrderAt) });
    case 'repurchase':
      return t('alerts.detail.repurchase', { at: at(d.lastOrderAt), days: String(d.medianIntervalDays ?? '-') });
  }
}
