import { useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { App, Badge, Button, Flex, Input, Table, Typography } from 'antd';
import { DownloadOutlined, FilterOutlined, ReloadOutlined, TagsOutlined } from '@ant-design/icons';
import {
  customersApi,
  DEFAULT_LIST_COLUMNS,
  LIST_COLUMNS,
  type CustomerSearchRow,
  type ListColumn,
  type SortColumn,
} from '../../api/customers';
import { segmentsApi } from '../../api/segments';
import { profilesApi } from '../../api/profiles';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useLocale, useT } from '../../i18n/use-t';
import { BulkTagModal } from './bulk-tag-modal';
import { ColumnPicker } from './column-picker';
import { useCustomerColumns } from './customer-columns';
import { CustomerDrawer } from './customer-drawer';
import { CustomerFilterDrawer } from './customer-filter-drawer';
import { listFilter } from './customer-filter';
import { CustomerProfilePage } from './customer-profile.page';
import { useListUrlState, type ListView } from './use-list-url-state';

const DEFAULT_PAGE_SIZE = 20;

/** The total shown for one filter: an estimate from the first answer until the exact count replaces it. */
type Counted = { key: string; total: number; estimated: boolean };
const COLUMNS_KEY = 'siyu.customers.columns';

function savedColumns(): ListColumn[] {
  try {
    const v = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(v)) {
      const cols = LIST_COLUMNS.filter((c) => v.includes(c));
      if (cols.length > 0) return cols;
    }
  } catch {
    // a damaged saved value falls back to the defaults
  }
  return DEFAULT_LIST_COLUMNS;
}

function CustomersListPage() {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const canBulkTag = can('tags.write');
  // Filter, columns, sort and page live in the URL (reload, back and forward restore them).
  const [view, setView] = useListUrlState(DEFAULT_PAGE_SIZE);
  const { q, rule, sort } = view;
  const paging = { page: view.page, pageSize: view.pageSize };
  const [selected, setSelected] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editingFilter, setEditingFilter] = useState(false);
  const [bulkTagging, setBulkTagging] = useState(false);
  const [savedShown, setSavedShown] = useState<ListColumn[]>(savedColumns);
  const shown = view.columns ?? savedShown;
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const filter = useMemo(() => listFilter(q, rule), [q, rule]);
  const filterKey = JSON.stringify(filter);
  const { locale } = useLocale();
  // The first answer is the page with the total estimated from a sample (exact at once on a small corp); on a large
  // corp an exact count (a full evaluation of the filter, seconds at a million customers) follows and replaces it.
  // Once a filter has a total, turning pages asks for the page alone.
  const [counted, setCounted] = useState<Counted | null>(null);
  const countedRef = useRef(counted);
  countedRef.current = counted;
  const { data, error, loading, reload: reloadPage } = useRequest(
    async (signal) => {
      const key = filterKey;
      const known = countedRef.current?.key === key;
      const res = await customersApi.search({ rule: filter, ...paging, columns: shown, sort, total: known ? 'none' : 'estimate' });
      if (!signal.aborted && res.total !== null) setCounted({ key, total: res.total, estimated: res.totalEstimated });
      return res;
    },
    [filterKey, paging.page, paging.pageSize, me.corp.id, shown.join(), sort.by, sort.dir],
  );
  const estimatedKey = counted?.estimated ? counted.key : null;
  useRequest(
    async (signal) => {
      if (estimatedKey === null || estimatedKey !== filterKey) return null;
      const total = await customersApi.count(filter);
      if (!signal.aborted) setCounted({ key: estimatedKey, total, estimated: false });
      return total;
    },
    [estimatedKey, me.corp.id],
  );
  // A reload counts again: a new first answer, then (estimated) a new exact count.
  const reload = () => {
    setCounted(null);
    reloadPage();
  };
  const current = counted?.key === filterKey ? counted : null;
  const exactTotal = current && !current.estimated ? current.total : null;
  // Until a total arrives, paging offers one page beyond a full one.
  const total =
    current?.total ?? (paging.page - 1) * paging.pageSize + (data?.items.length ?? 0) + (data?.items.length === paging.pageSize ? 1 : 0);
  const { data: tags, reload: reloadTags } = useRequest((signal) => profilesApi.tags(signal), [me.corp.id]);
  const tagNames = useMemo(() => new Map((tags?.groups ?? []).flatMap((g) => g.tags.map((tag) => [tag.tagId, tag.name] as const))), [tags]);
  const columns = useCustomerColumns(tagNames, shown, sort);
  const choose = (next: ListColumn[]) => {
    setSavedShown(next);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
    setView((v) => ({ ...v, columns: next }));
  };
  const exportXlsx = () => {
    setExporting(true);
    segmentsApi
      .exportXlsx(filter, shown)
      .catch((e: Error) => message.error(e.message))
      .finally(() => setExporting(false));
  };
  const refilter = (change: (v: ListView) => ListView) => {
    setSelected([]);
    setView((v) => ({ ...change(v), page: 1 }));
  };

  return (
    <Flex vertical gap={16} data-testid="customers-page">
      <PageHeader
        title={t('customers.title')}
        extra={
          <>
            <Input.Search
              allowClear
              placeholder={t('customers.searchPlaceholder')}
              key={q}
              defaultValue={q}
              onSearch={(text) => refilter((v) => ({ ...v, q: text }))}
              style={{ width: 280 }}
              data-testid="customers-search"
            />
            <Badge dot={!!rule}>
              <Button icon={<FilterOutlined />} onClick={() => setEditingFilter(true)} data-testid="customers-filter">
                {t('customers.filter')}
              </Button>
            </Badge>
            {canBulkTag && (
              <Button icon={<TagsOutlined />} onClick={() => setBulkTagging(true)} disabled={!exactTotal} data-testid="customers-bulk-tag">
                {t('bulkTag.action')}
              </Button>
            )}
            {can('customers.export') && (
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx} data-testid="customers-export">
                {t('segments.export')}
              </Button>
            )}
            <ColumnPicker value={shown} onChange={choose} />
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      {(rule || selected.length > 0) && (
        <Typography.Text type="secondary">
          {[rule ? t('customers.filterActive') : '', selected.length ? t('customers.selected', { n: selected.length }) : ''].filter(Boolean).join(' · ')}
        </Typography.Text>
      )}
      <LoadError error={error} onRetry={reload} />
      <Table<CustomerSearchRow>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        data-testid="customers-table"
        rowSelection={canBulkTag ? { selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => setSelected(keys.map(String)) } : undefined}
        onRow={(record) => ({ onClick: () => setOpenId(record.id), style: { cursor: 'pointer' } })}
        onChange={(_pagination, _filters, sorter) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          const by = one?.order ? (one.columnKey as SortColumn) : 'createdAt';
          const dir = one?.order === 'ascend' ? 'asc' : 'desc';
          if (by !== sort.by || dir !== sort.dir) setView((v) => ({ ...v, sort: { by, dir }, page: 1 }));
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total,
          showSizeChanger: true,
          showTotal: (n) => (
            <span data-testid="customers-total" data-estimated={current?.estimated ? 'true' : 'false'}>
              {!current
                ? t('customers.counting')
                : t(current.estimated ? 'customers.totalAbout' : 'common.total', { n: n.toLocaleString(locale) })}
            </span>
          ),
          onChange: (page, pageSize) => setView((v) => ({ ...v, page: pageSize === v.pageSize ? page : 1, pageSize })),
        }}
      />
      <CustomerDrawer id={openId} onClose={() => setOpenId(null)} />
      {editingFilter && (
        <CustomerFilterDrawer
          rule={rule}
          onClose={() => setEditingFilter(false)}
          onApply={(next) => {
            setEditingFilter(false);
            refilter((v) => ({ ...v, rule: next }));
          }}
        />
      )}
      {bulkTagging && (
        <BulkTagModal
          selected={selected}
          filter={filter}
          total={exactTotal ?? 0}
          onClose={(changed) => {
            setBulkTagging(false);
            if (changed) {
              reload();
              reloadTags();
            }
          }}
        />
      )}
    </Flex>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /customers lists; /customers/:id is the full profile page. */
export function CustomersPage() {
  const rest = useParams()['*'] ?? '';
  return UUID.test(rest) ? <CustomerProfilePage id={rest} /> : <CustomersListPage />;
}
