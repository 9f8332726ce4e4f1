import { randomBytes } from 'node:crypto';
import type { JoinWayConfig, WecomClient } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { wecomCall as callWecom } from '../../platform/wecom-call';
import { localTime, resolveRange, type StatsRange } from '../channels';

const wecomCall = <T>(fn: () => Promise<T>) => callWecom({ rejected: 'group_code_wecom_rejected' }, fn);
import type { WecomConnections } from '../wecom';
import * as repo from './group-codes.repo';

export type GroupCodeInput = { name: string; chatIds: string[]; autoCreateRoom?: boolean; roomBaseName?: string; roomBaseId?: number };

function fields(input: GroupCodeInput): repo.GroupCodeFields {
  const chatIds = [...new Set(input.chatIds)];
  if (chatIds.length < 1 || chatIds.length > 5) throw new DomainError('group_code_chats_required');
  const autoCreateRoom = input.autoCreateRoom ?? true;
  const roomBaseName = input.roomBaseName?.trim() || (autoCreateRoom ? input.name.slice(0, 36) : null);
  return { name: input.name, chatIds, autoCreateRoom, roomBaseName, roomBaseId: input.roomBaseId ?? 1 };
}

function joinWay(f: repo.GroupCodeFields, state: string): JoinWayConfig {
  return {
    scene: 2,
    remark: f.name.slice(0, 30),
    auto_create_room: f.autoCreateRoom ? 1 : 0,
    ...(f.roomBaseName ? { room_base_name: f.roomBaseName.slice(0, 40), room_base_id: f.roomBaseId } : {}),
    chat_id_list: f.chatIds,
    state,
  };
}

export function createGroupCodesService(ctx: AppContext, connections: WecomConnections) {
  const { db } = ctx;

  /** Every chosen group is a live group of this corp (another corp's chat id is refused before WeCom is called). */
  async function checkChats(corpId: string, chatIds: string[]) {
    const known = await withCorp(db, corpId, (tx) => repo.knownChatIds(tx, corpId, chatIds));
    if (chatIds.some((c) => !known.has(c))) throw new DomainError('group_chat_unknown');
  }

  async function mustFind(corpId: string, id: string) {
    const code = await withCorp(db, corpId, (tx) => repo.findGroupCode(tx, corpId, id));
    if (!code) throw new DomainError('not_found');
    return code;
  }

  /** WeCom's current group list of a code (auto-created groups join it); ours keeps every group it ever had. */
  async function refreshChats(client: WecomClient, corpId: string, code: repo.GroupCode): Promise<string[]> {
    if (!code.configId) return code.chatIds;
    const res = await client.getJoinWay(code.configId);
    const merged = [...new Set([...code.chatIds, ...(res.join_way.chat_id_list ?? [])])];
    if (merged.length !== code.chatIds.length) await withCorp(db, corpId, (tx) => repo.setChatIds(tx, corpId, code.id, merged));
    return merged;
  }

  return {
    refreshChats,

    async list(auth: AuthContext) {
      return withCorp(db, auth.corpId, async (tx) => {
        const codes = await repo.listGroupCodes(tx, auth.corpId);
        const counts = await repo.joinCounts(tx, auth.corpId, localTime(new Date()).day);
        const items = [];
        for (const c of codes) {
          items.push({ ...c, joins: counts.get(c.id) ?? { total: 0, today: 0 }, groups: await repo.groupsOf(tx, auth.corpId, c.chatIds) });
        }
        return { items };
      });
    },

    get: (auth: AuthContext, id: string) => mustFind(auth.corpId, id),

    /**
     * Local row first (so a row the database would refuse never reaches WeCom), then WeCom, then the row gets its
     * config_id. If anything after add_join_way fails, the join way is deleted again and so is the row: the request
     * failed and left nothing behind, in Siyu or in WeCom.
     */
    async create(auth: AuthContext, input: GroupCodeInput) {
      const f = fields(input);
      await checkChats(auth.corpId, f.chatIds);
      const state = `gc_${randomBytes(8).toString('hex')}`;
      const client = await connections.contactClient(auth.corpId);
      const pending = await withCorp(db, auth.corpId, (tx) => repo.insertGroupCode(tx, auth.corpId, state, f, { configId: null, qrCode: null }));
      let configId: string | null = null;
      try {
        configId = (await wecomCall(() => client.addJoinWay(joinWay(f, state)))).config_id;
        const got = await wecomCall(() => client.getJoinWay(configId!));
        const done = await withCorp(db, auth.corpId, (tx) => repo.setJoinWay(tx, auth.corpId, pending.id, { configId: configId!, qrCode: got.join_way.qr_code ?? null }));
        if (!done) throw new DomainError('not_found');
        return done;
      } catch (err) {
        const undone = configId ? await client.delJoinWay(configId).then(() => true, (e: unknown) => (ctx.logger.error({ err: e, configId }, 'group code: cannot delete the join way'), false)) : true;
        // A join way that could not be deleted stays listed (with its config_id), so it can be deleted from the console.
        await withCorp(db, auth.corpId, async (tx) => {
          if (undone) await repo.deleteGroupCode(tx, auth.corpId, pending.id);
          else await repo.setJoinWay(tx, auth.corpId, pending.id, { configId: configId!, qrCode: null });
        }).catch((e: unknown) => ctx.logger.error({ err: e, id: pending.id }, 'group code: cannot clean up the pending row'));
        throw err;
      }
    },

    /** WeCom, then the row; should the row fail, WeCom gets the previous settings back (nothing half-changed). */
    async update(auth: AuthContext, id: string, input: GroupCodeInput) {
      const f = fields(input);
      const before = await mustFind(auth.corpId, id);
      await checkChats(auth.corpId, f.chatIds.filter((c) => !before.chatIds.includes(c)));
      const client = await connections.contactClient(auth.corpId);
      if (before.configId) await wecomCall(() => client.updateJoinWay({ config_id: before.configId!, ...joinWay(f, before.state) }));
      try {
        const after = await withCorp(db, auth.corpId, (tx) => repo.updateGroupCode(tx, auth.corpId, id, f));
        if (!after) throw new DomainError('not_found');
        return after;
      } catch (err) {
        if (before.configId) {
          const prev: repo.GroupCodeFields = { name: before.name, chatIds: before.chatIds.slice(0, 5), autoCreateRoom: before.autoCreateRoom, roomBaseName: before.roomBaseName, roomBaseId: before.roomBaseId };
          await client.updateJoinWay({ config_id: before.configId, ...joinWay(prev, before.state) }).catch((e: unknown) => ctx.logger.error({ err: e, id }, 'group code: cannot put the join way back'));
        }
        throw err;
      }
    },

    async remove(auth: AuthContext, id: string) {
      const code = await mustFind(auth.corpId, id);
      if (code.configId) {
        const client = await connections.contactClient(auth.corpId);
        await wecomCall(() => client.delJoinWay(code.configId!)).catch((err: unknown) => {
          if (!(err instanceof DomainError && err.code === 'group_code_wecom_rejected')) throw err;
        });
      }
      await withCorp(db, auth.corpId, (tx) => repo.deleteGroupCode(tx, auth.corpId, id));
    },

    async stats(auth: AuthContext, id: string, q: StatsRange) {
      const code = await mustFind(auth.corpId, id);
      const range = resolveRange(q);
      const days = await withCorp(db, auth.corpId, (tx) => repo.joinsByDay(tx, auth.corpId, id, range));
      return { id, name: code.name, range, joins: days.reduce((n, d) => n + d.joins, 0), days };
    },

    groupOptions: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => repo.groupOptions(tx, auth.corpId)),
  };
}

export type GroupCodesService = ReturnType<typeof createGroupCodesService>;
