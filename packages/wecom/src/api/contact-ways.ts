import { paginate } from '../paginate';
import type { WecomResponse } from '../types/base';
import type {
  AddContactWayResponse,
  ContactWayConfig,
  GetContactWayResponse,
  ListContactWayRequest,
  ListContactWayResponse,
  UpdateContactWayRequest,
} from '../types/contact-ways';
import type { Caller } from './caller';

const EC = 'externalcontact';

export function contactWayApi(c: Caller) {
  const listContactWay = (req: ListContactWayRequest = {}) =>
    c.post<ListContactWayResponse>(`${EC}/list_contact_way`, req);
  return {
    addContactWay: (config: ContactWayConfig) => c.post<AddContactWayResponse>(`${EC}/add_contact_way`, config),
    getContactWay: (configId: string) =>
      c.post<GetContactWayResponse>(`${EC}/get_contact_way`, { config_id: configId }),
    updateContactWay: (req: UpdateContactWayRequest) => c.post<WecomResponse>(`${EC}/update_contact_way`, req),
    delContactWay: (configId: string) => c.post<WecomResponse>(`${EC}/del_contact_way`, { config_id: configId }),
    listContactWay,
    /** Every 「联系我」 config id in the time range. */
    iterateContactWays(
      req: Omit<ListContactWayRequest, 'cursor'> = {},
    ): AsyncGenerator<{ config_id: string }, void, undefined> {
      const limit = Math.min(1000, req.limit ?? 1000);
      return paginate(
        (cursor) => listContactWay({ ...req, limit, cursor }),
        (p) => p.contact_way,
        (p) => p.next_cursor,
      );
    },
  };
}
