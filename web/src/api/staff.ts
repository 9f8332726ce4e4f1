import { api } from './client';
import { pageQueryString, type Page, type PageQuery } from './customers';

export interface StaffListItem {
  userid: string;
  name: string;
  departmentIds: number[];
  /** WeCom member status: 1 active, 2 disabled, 4 not activated, 5 left */
  status: number;
  isFollowUser: boolean;
  customerCount: number;
}

export const staffApi = {
  list: (query: PageQuery, signal?: AbortSignal) =>
    api.get<Page<StaffListItem>>(`/api/staff?${pageQueryString(query)}`, signal),
};
