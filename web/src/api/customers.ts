import type {
  CustomerDetail,
  CustomerFollow,
  CustomerListItem,
  CustomerSearchPage,
  CustomerSearchRow as ContractSearchRow,
  CustomerSearchTotal,
} from '@siyu/contracts';
import { api } from './client';

// The answers of /api/customers and /api/customers/:id: the route schemas' Static types.
export type { CustomerDetail, CustomerFollow, CustomerListItem };

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  q?: string;
  page: number;
  pageSize: number;
}

export function pageQueryString({ q, page, pageSize }: PageQuery): string {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (q && q.trim()) params.set('q', q.trim());
  return params.toString();
}

/** Columns the list can show (server: SEARCH_COLUMNS) and those it can sort by. */
export const LIST_COLUMNS = [
  'name',
  'phone',
  'gender',
  'externalUserid',
  'owners',
  'tags',
  'channels',
  'orderCount',
  'orderAmount',
  'lastOrderAt',
  'createdAt',
] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];
export const DEFAULT_LIST_COLUMNS: ListColumn[] = ['name', 'phone', 'owners', 'tags', 'createdAt'];
export const SORT_COLUMNS = ['name', 'createdAt', 'orderCount', 'orderAmount', 'lastOrderAt'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/** A row of POST /api/customers/search: the route schema's Static type, with `name`, `avatar` and `createdAt` always
 * read (search() asks for them). */
export type CustomerSearchRow = ContractSearchRow & Required<Pick<ContractSearchRow, 'name' | 'avatar' | 'createdAt'>>;

export type ListQuery = {
  rule: unknown;
  page: number;
  pageSize: number;
  columns: readonly ListColumn[];
  sort: { by: SortColumn; dir: 'asc' | 'desc' };
  /** 'estimate': the total at once from a sample, flagged `totalEstimated`; 'exact': a full count; 'none'. */
  total?: CustomerSearchTotal;
  /** The older switch (false: the page alone). */
  withTotal?: boolean;
};

export const customersApi = {
  /** The list filtered by a rule (see api/segments Rule): the same filter bulk actions use. */
  search: ({ columns, ...body }: ListQuery) =>
    api.post<Omit<CustomerSearchPage, 'items'> & { items: CustomerSearchRow[] }>('/api/customers/search', {
      ...body,
      // name (shown with the avatar) and createdAt are always read: the first column and the default order.
      columns: [...new Set<ListColumn | 'avatar'>(['name', 'avatar', 'createdAt', ...columns])],
    }),
  /** How many customers match, exactly (a full evaluation of the rule: seconds on a corp of a million). */
  count: async (rule: unknown) =>
    (await api.post<{ total: number }>('/api/customers/search', { rule, page: 1, pageSize: 1, columns: ['name'], total: 'exact' })).total,
  list: (query: PageQuery, signal?: AbortSignal) =>
    api.get<Page<CustomerListItem>>(`/api/customers?${pageQueryString(query)}`, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CustomerDetail>(`/api/customers/${encodeURIComponent(id)}`, signal),
};
