import { chunk, paginate } from '../paginate';
import type { WecomResponse } from '../types/base';
import type {
  BatchGetByUserRequest,
  BatchGetByUserResponse,
  ExternalContactWithFollowInfo,
  GetExternalContactResponse,
  GetFollowUserListResponse,
  ListExternalContactResponse,
  RemarkRequest,
} from '../types/customers';
import type {
  AddCorpTagRequest,
  AddCorpTagResponse,
  DelCorpTagRequest,
  EditCorpTagRequest,
  GetCorpTagListRequest,
  GetCorpTagListResponse,
  MarkTagRequest,
} from '../types/tags';
import type { Caller } from './caller';

const EC = 'externalcontact';

export function customerApi(c: Caller) {
  const batchGetExternalContactsByUser = (req: BatchGetByUserRequest) =>
    c.post<BatchGetByUserResponse>(`${EC}/batch/get_by_user`, req);

  return {
    getFollowUserList: () => c.get<GetFollowUserListResponse>(`${EC}/get_follow_user_list`),
    listExternalContacts: (userid: string) => c.get<ListExternalContactResponse>(`${EC}/list`, { userid }),
    getExternalContact: (externalUserId: string, cursor?: string) =>
      c.get<GetExternalContactResponse>(`${EC}/get`, { external_userid: externalUserId, cursor }),
    batchGetExternalContactsByUser,
    remarkExternalContact: (req: RemarkRequest) => c.post<WecomResponse>(`${EC}/remark`, req),

    /** Every customer of these staff (any number; sent 100 per request), page by page. */
    async *iterateFollowUsersCustomers(
      userids: readonly string[],
      opts: { limit?: number } = {},
    ): AsyncGenerator<ExternalContactWithFollowInfo, void, undefined> {
      const limit = Math.min(100, opts.limit ?? 100);
      for (const userid_list of chunk(userids, 100)) {
        yield* paginate(
          (cursor) => batchGetExternalContactsByUser({ userid_list, cursor, limit }),
          (p) => p.external_contact_list,
          (p) => p.next_cursor,
        );
      }
    },

    getCorpTagList: (req: GetCorpTagListRequest = {}) => c.post<GetCorpTagListResponse>(`${EC}/get_corp_tag_list`, req),
    addCorpTag: (req: AddCorpTagRequest) => c.post<AddCorpTagResponse>(`${EC}/add_corp_tag`, req),
    editCorpTag: (req: EditCorpTagRequest) => c.post<WecomResponse>(`${EC}/edit_corp_tag`, req),
    delCorpTag: (req: DelCorpTagRequest) => c.post<WecomResponse>(`${EC}/del_corp_tag`, req),
    markTag: (req: MarkTagRequest) => c.post<WecomResponse>(`${EC}/mark_tag`, req),
  };
}
