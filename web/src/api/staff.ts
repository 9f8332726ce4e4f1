import type { StaffListItem } from '@siyu/contracts';
import { api } from './client';
import { pageQueryString, type Page, type PageQuery } from './customers';

/** A row of /api/staff: the route schema's Static type. */
export type { StaffListItem };

export const staffApi = {
  list: (query: PageQuery, signal?: AbortSignal) =>
    api.get<Page<StaffListItem>>(`/api/staff?${pageQueryString(query)}`, signal),
};
