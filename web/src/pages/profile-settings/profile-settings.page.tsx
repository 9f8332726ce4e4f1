import { Alert, Card, Flex, Skeleton, Tabs } from 'antd';
import { profileSettingsApi } from '../../api/profile-settings';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { AlertSettingsForm } from './alert-settings-form';
import { CustomFieldsEditor } from './custom-fields-editor';
import { LevelsEditor } from './levels-editor';
import { PointsRulesCard } from './points-rules-card';
import { RepurchaseCyclesCard } from './repurchase-cycles-card';
import { RfmSettingsForm } from './rfm-settings-form';

/** Alert rules, RFM thresholds, levels, points rules, repurchase cycles and custom fields: how Siyu reads and rewards customers. */
export function ProfileSettingsPage() {
  const t = useT();
  const me = useMe();
  const canEdit = useCan()('profile-settings.write');
  const { data, error, reload } = useRequest((signal) => profileSettingsApi.get(signal), [me.corp.id]);
  // Forms read their initial values once: remount them when fresh settings arrive.
  const version = JSON.stringify(data ?? null);
  return (
    <Flex vertical gap={16} data-testid="profile-settings">
      <PageHeader title={t('profileSettings.title')} />
      {!canEdit && <Alert type="info" showIcon message={t('profileSettings.readOnly')} />}
      <LoadError error={error} onRetry={reload} />
      {!data ? (
        !error && <Skeleton active />
      ) : (
        <Card>
          <Tabs
            destroyOnHidden
            items={[
              { key: 'alerts', label: t('profileSettings.tab.alerts'), children: <AlertSettingsForm key={version} value={data.alerts} canEdit={canEdit} onSaved={reload} /> },
              { key: 'rfm', label: t('profileSettings.tab.rfm'), children: <RfmSettingsForm key={version} value={data.rfm} canEdit={canEdit} onSaved={reload} /> },
              { key: 'levels', label: t('profileSettings.tab.levels'), children: <LevelsEditor key={version} value={data.levels} canEdit={canEdit} onSaved={reload} /> },
              { key: 'points', label: t('profileSettings.tab.points'), children: <PointsRulesCard rules={data.pointsRules} canEdit={canEdit} onChanged={reload} /> },
              { key: 'cycles', label: t('profileSettings.tab.cycles'), children: <RepurchaseCyclesCard canEdit={canEdit} /> },
              { key: 'fields', label: t('profileSettings.tab.fields'), children: <CustomFieldsEditor canEdit={canEdit} /> },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
