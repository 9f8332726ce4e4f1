// The customer list's view lives in the URL (?q, rule, page, size, cols, sort), so a reload, a shared link and the
// browser's back / forward bring back the same filter, columns, sort and page. A change of filter, page or columns
// is a new history entry; values the URL holds that the list does not know fall back to the defaults.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LIST_COLUMNS, SORT_COLUMNS, type ListColumn, type SortColumn } from '../../api/customers';
import type { Rule } from '../../api/segments';

export type ListView = {
  q: string;
  rule: Rule | null;
  page: number;
  pageSize: number;
  /** null: the columns this browser saved */
  columns: ListColumn[] | null;
  sort: { by: SortColumn; dir: 'asc' | 'desc' };
};

const PAGE_SIZES = [10, 20, 50, 100];

function parseRule(text: string | null): Rule | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rule) : null;
  } catch {
    return null;
  }
}

function readView(p: URLSearchParams, defaultPageSize: number): ListView {
  const page = Number(p.get('page'));
  const size = Number(p.get('size'));
  const cols = (p.get('cols') ?? '').split(',').filter((c): c is ListColumn => (LIST_COLUMNS as readonly string[]).includes(c));
  const [by, dir] = (p.get('sort') ?? '').split('.');
  return {
    q: p.get('q') ?? '',
    rule: parseRule(p.get('rule')),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZES.includes(size) ? size : defaultPageSize,
    columns: cols.length ? LIST_COLUMNS.filter((c) => cols.includes(c)) : null,
    sort: (SORT_COLUMNS as readonly string[]).includes(by) && (dir === 'asc' || dir === 'desc') ? { by: by as SortColumn, dir } : { by: 'createdAt', dir: 'desc' },
  };
}

function writeView(v: ListView, defaultPageSize: number): URLSearchParams {
  const p = new URLSearchParams();
  if (v.q) p.set('q', v.q);
  if (v.rule) p.set('rule', JSON.stringify(v.rule));
  if (v.page > 1) p.set('page', String(v.page));
  if (v.pageSize !== defaultPageSize) p.set('size', String(v.pageSize));
  if (v.columns) p.set('cols', v.columns.join(','));
  if (v.sort.by !== 'createdAt' || v.sort.dir !== 'desc') p.set('sort', `${v.sort.by}.${v.sort.dir}`);
  return p;
}

/** The list's view from the URL and a setter that writes a changed view back as a new history entry. */
export function useListUrlState(defaultPageSize: number): [ListView, (change: (v: ListView) => ListView) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const view = useMemo(() => readView(new URLSearchParams(key), defaultPageSize), [key, defaultPageSize]);
  const update = useCallback(
    (change: (v: ListView) => ListView) => setParams((prev) => writeView(change(readView(prev, defaultPageSize)), defaultPageSize)),
    [setParams, defaultPageSize],
  );
  return [view, update];
}
