import { chunk, paginate } from '../paginate';
import type { WecomResponse } from '../types/base';
import type {
  AddJoinWayResponse,
  GetJoinWayResponse,
  GroupChatGetResponse,
  GroupChatListItem,
  GroupChatListRequest,
  GroupChatListResponse,
  GroupChatStatisticByDayRequest,
  GroupChatStatisticByDayResponse,
  GroupChatStatisticRequest,
  GroupChatStatisticResponse,
  JoinWayConfig,
  UpdateJoinWayRequest,
  UserBehaviorDataRequest,
  UserBehaviorDataResponse,
} from '../types/groups';
import type { Caller } from './caller';

const GC = 'externalcontact/groupchat';

export function groupApi(c: Caller) {
  const listGroupChats = (req: GroupChatListRequest) => c.post<GroupChatListResponse>(`${GC}/list`, req);
  return {
    listGroupChats,
    getGroupChat: (chatId: string, needName: 0 | 1 = 1) =>
      c.post<GroupChatGetResponse>(`${GC}/get`, { chat_id: chatId, need_name: needName }),
    addJoinWay: (config: JoinWayConfig) => c.post<AddJoinWayResponse>(`${GC}/add_join_way`, config),
    getJoinWay: (configId: string) => c.post<GetJoinWayResponse>(`${GC}/get_join_way`, { config_id: configId }),
    updateJoinWay: (req: UpdateJoinWayRequest) => c.post<WecomResponse>(`${GC}/update_join_way`, req),
    delJoinWay: (configId: string) => c.post<WecomResponse>(`${GC}/del_join_way`, { config_id: configId }),
    getGroupChatStatistic: (req: GroupChatStatisticRequest) =>
      c.post<GroupChatStatisticResponse>(`${GC}/statistic`, req),
    getGroupChatStatisticByDay: (req: GroupChatStatisticByDayRequest) =>
      c.post<GroupChatStatisticByDayResponse>(`${GC}/statistic_group_by_day`, req),
    getUserBehaviorData: (req: UserBehaviorDataRequest) =>
      c.post<UserBehaviorDataResponse>('externalcontact/get_user_behavior_data', req),

    /**
     * Every customer group. With an owner filter of over 100 staff it pages owner by owner in
     * chunks of 100; without one WeCom answers 81017 for corps of over 1000 people.
     */
    async *iterateGroupChats(
      req: Omit<GroupChatListRequest, 'cursor' | 'limit'> & { limit?: number } = {},
    ): AsyncGenerator<GroupChatListItem, void, undefined> {
      const limit = Math.max(1, Math.min(1000, req.limit ?? 1000));
      const owners = req.owner_filter?.userid_list;
      const filters = owners ? chunk(owners, 100).map((userid_list) => ({ userid_list })) : [undefined];
      for (const owner_filter of filters) {
        yield* paginate(
          (cursor) => listGroupChats({ ...req, owner_filter, limit, cursor }),
          (p) => p.group_chat_list,
          (p) => p.next_cursor,
        );
      }
    },
  };
}
