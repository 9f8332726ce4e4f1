// 操作日志: who did what and when, newest first, searched by the person (or the system), the action and a time
// range; actions and people show by name, a page of 50 at a time with "load more".
import type { AuditEntry, AuditList } from '@siyu/contracts';
import { Button, DatePicker, Flex, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { api } from '../../api/client';
import { LoadError } from '../../components/load-error';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { AUDIT_ACTIONS, auditActionKey, isAuditAction } from './audit-actions';

type Filter = { actor?: string; action?: string; range?: [Dayjs | null, Dayjs | null] | null };

function query(f: Filter, before?: string): string {
  const p = new URLSearchParams();
  if (f.actor) p.set('actor', f.actor);
  if (f.action) p.set('action', f.action);
  if (f.range?.[0]) p.set('from', f.range[0].startOf('day').toISOString());
  if (f.range?.[1]) p.set('to', f.range[1].add(1, 'day').startOf('day').toISOString());
  if (before) p.set('before', before);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

export function AuditTab() {
  const t = useT();
  const fmt = useFormatDate();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState<AuditList>();
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);

  const load = (before?: string, signal?: AbortSignal) => {
    setLoading(true);
    setError(undefined);
    api
      .get<AuditList>(`/api/audit${query(filter, before)}`, signal)
      .then((r) => {
        if (signal?.aborted) return;
        setPage(r);
        setRows((old) => (before ? [...old, ...r.items] : r.items));
      })
      .catch((err: unknown) => {
        if (!signal?.aborted) setError(err instanceof ApiError ? err : new ApiError(0, 'client_error', String(err)));
      })
      .finally(() => {
        if (!signal?.aborted) setLoading(false);
      });
  };
  useEffect(() => {
    const c = new AbortController();
    load(undefined, c.signal);
    return () => c.abort();
  }, [filter, tick]); // load reads the filter

  const actionLabel = (a: string) => (isAuditAction(a) ? t(auditActionKey(a)) : a);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 220 }}
          placeholder={t('audit.anyone')}
          value={filter.actor}
          onChange={(actor?: string) => setFilter((f) => ({ ...f, actor }))}
          options={[{ value: 'system', label: t('audit.system') }, ...(page?.actors ?? []).map((a) => ({ value: a.userId, label: `${a.name} (${a.email})` }))]}
          data-testid="audit-actor"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 220 }}
          placeholder={t('audit.anything')}
          value={filter.action}
          onChange={(action?: string) => setFilter((f) => ({ ...f, action }))}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(auditActionKey(a)) }))}
          data-testid="audit-action"
        />
        <DatePicker.RangePicker value={filter.range ?? null} onChange={(range) => setFilter((f) => ({ ...f, range }))} data-testid="audit-range" />
      </Flex>
      <LoadError error={error} onRetry={() => setTick((n) => n + 1)} />
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('audit.empty') }}
        data-testid="audit-table"
        columns={[
          { title: t('audit.when'), dataIndex: 'at', width: 170, render: (d: string) => fmt(d) },
          { title: t('audit.who'), dataIndex: 'actor', width: 200, render: (a: AuditEntry['actor']) => (a ? a.name || a.email : <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>) },
          { title: t('audit.what'), dataIndex: 'action', width: 200, render: actionLabel },
          { title: t('audit.detail'), dataIndex: 'detail', render: (d: AuditEntry['detail']) => <Typography.Text type="secondary">{detailText(d)}</Typography.Text> },
        ]}
      />
      {page?.next && (
        <Button onClick={() => load(page.next ?? undefined)} loading={loading} data-testid="audit-more">
          {t('audit.more')}
        </Button>
      )}
    </Flex>
  );
}
