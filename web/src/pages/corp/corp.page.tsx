import { Col, Flex, Row } from 'antd';
import { corpApi } from '../../api/corp';
import { useRequest } from '../../api/use-request';
import { wecomApi } from '../../api/wecom';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { CorpInfoCard } from './corp-info-card';
import { FeatureWarnings } from './feature-warnings';
import { SyncRunsCard } from './sync-runs-card';
import { WecomConnectionCard } from './wecom-connection-card';

/** 企业连接: the corp, its WeCom credentials, feature warnings and sync runs. */
export function CorpPage() {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const isAdmin = can('wecom.admin');
  const seesSync = can('wecom.read');
  const corp = useRequest((signal) => corpApi.get(signal), [me.corp.id]);
  // a missing status endpoint should not block the page: warnings are best effort
  const status = useRequest((signal) => wecomApi.status(signal).catch(() => null), [me.corp.id]);

  const refreshAll = () => {
    corp.reload();
    status.reload();
  };

  return (
    <Flex vertical gap={16} data-testid="corp-page" key={me.corp.id}>
      <PageHeader title={t('corp.title')} />
      <LoadError error={corp.error} onRetry={corp.reload} />
      <FeatureWarnings features={status.data?.features ?? []} />
      <CorpInfoCard
        corp={corp.data}
        inbox={status.data?.inbox ?? null}
        loading={corp.loading}
        isAdmin={isAdmin}
        onChanged={corp.reload}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={seesSync ? 12 : 24}>
          <WecomConnectionCard
            fallbackCallbackUrl={corp.data?.callbackUrl ?? ''}
            isAdmin={isAdmin}
            onSaved={refreshAll}
          />
        </Col>
        {seesSync && (
          <Col xs={24} xl={12}>
            <SyncRunsCard isAdmin={isAdmin} onRunFinished={refreshAll} />
          </Col>
        )}
      </Row>
    </Flex>
  );
}
