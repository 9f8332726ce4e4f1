import { Alert, Flex } from 'antd';
import type { FeatureStatus } from '../../api/wecom';
import type { MessageKey, Translate } from '../../i18n/messages';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';

const FEATURE_KEYS: Record<string, MessageKey> = {
  customers: 'corp.feature.customers',
  customer: 'corp.feature.customers',
  external_contact: 'corp.feature.customers',
  contact_sync: 'corp.feature.customers',
  follows: 'corp.feature.customers',
  sync: 'corp.feature.sync',
  org: 'corp.feature.staff',
  staff: 'corp.feature.staff',
  contacts: 'corp.feature.staff',
  departments: 'corp.feature.staff',
  groups: 'corp.feature.groups',
  group_chat: 'corp.feature.groups',
  tags: 'corp.feature.tags',
  welcome: 'corp.feature.welcome',
  callback: 'corp.feature.callback',
  broadcast: 'corp.feature.broadcast',
  moments: 'corp.feature.moments',
};

/** Known WeCom error codes with a hint about what to do. */
const HINT_KEYS: Record<number, MessageKey> = {
  48009: 'corp.hint.48009',
  48002: 'corp.hint.48002',
  45009: 'corp.hint.45009',
  40001: 'corp.hint.40001',
  60020: 'corp.hint.60020',
};

export function featureLabel(t: Translate, feature: string): string {
  const key = FEATURE_KEYS[feature];
  return key ? t(key) : feature;
}

/** One banner per disabled feature: "客户同步已停用：48009 …". */
export function FeatureWarnings({ features }: { features: FeatureStatus[] }) {
  const t = useT();
  const formatDate = useFormatDate();
  const disabled = features.filter((f) => f.status !== 'ok');
  if (disabled.length === 0) return null;
  return (
    <Flex vertical gap={8} data-testid="feature-warnings">
      {disabled.map((f) => {
        const hint = f.errcode !== null ? HINT_KEYS[f.errcode] : undefined;
        const detail = [f.errcode, f.message].filter((v) => v !== null && v !== '').join(' ');
        return (
          <Alert
            key={f.feature}
            type="warning"
            showIcon
            data-testid={`feature-warning-${f.feature}`}
            message={t('corp.featureDisabled', { feature: featureLabel(t, f.feature), detail: detail || '-' })}
            description={
              <>
                {hint && <div>{t(hint)}</div>}
                {(f.api || f.updatedAt) && (
                  <div style={{ opacity: 0.7, fontSize: 12 }}>
                    {[f.api, f.updatedAt ? formatDate(f.updatedAt) : null].filter(Boolean).join(' · ')}
                  </div>
                )}
              </>
            }
          />
        );
      })}
    </Flex>
  );
}
