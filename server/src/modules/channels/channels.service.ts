import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context';
import type { ScheduleRule, TimeWindow, WelcomeMessage } from '../../db/schema';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { checkMaterialsAttachable } from '../materials';
import type { WecomConnections } from '../wecom';
import { applyRotation, contactWayConfig, rotationFor } from './apply-rotation';
import { codeTotals, dailyStats, type CodeTotals } from './channel-stats.repo';
import { localTime } from './channel-schedule';
import * as repo from './channels.repo';
import { wecomCall as callWecom } from '../../platform/wecom-call';

const wecomCall = <T>(fn: () => Promise<T>) => callWecom({ rejected: 'channel_wecom_rejected' }, fn);

export type ChannelInput = {
  name: string;
  groupId?: string | null;
  state?: string;
  staffUserids: string[];
  backupUserids?: string[];
  schedule?: ScheduleRule[];
  dailyCap?: number | null;
  skipVerify?: boolean;
  autoAccept?: TimeWindow | null;
  tagIds?: string[];
  welcome?: WelcomeMessage;
  cost?: number;
};

export type StatsRange = { from?: string; to?: string };

function fields(input: ChannelInput): repo.ChannelCodeFields {
  const schedule = input.schedule ?? [];
  const staff = [...new Set(input.staffUserids)];
  if (!staff.length && !schedule.some((r) => r.userids.length)) throw new DomainError('channel_staff_required');
  for (const r of [...schedule, ...(input.autoAccept ? [input.autoAccept] : [])]) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(r.start) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(r.end)) {
      throw new DomainError('invalid_request', 'times are HH:MM');
    }
  }
  return {
    name: input.name,
    groupId: input.groupId ?? null,
    staffUserids: staff,
    backupUserids: [...new Set(input.backupUserids ?? [])],
    schedule,
    dailyCap: input.dailyCap ?? null,
    skipVerify: input.skipVerify ?? true,
    autoAccept: input.autoAccept ?? null,
    tagIds: [...new Set(input.tagIds ?? [])],
    welcome: input.welcome ?? {},
    cost: input.cost ?? 0,
  };
}

/** Default range: the last 30 local days. */
export function resolveRange(q: StatsRange): { from: string; to: string } {
  const today = localTime(new Date()).day;
  const to = q.to ?? today;
  const from = q.from ?? localTime(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86400_000)).day;
  if (from > to) throw new DomainError('invalid_request', 'from is after to');
  if (Date.parse(to) - Date.parse(from) > 366 * 86400_000) throw new DomainError('invalid_request', 'range over 366 days');
  return { from, to };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export function withEconomics(cost: number, t: CodeTotals, lifetime: CodeTotals) {
  return {
    ...t,
    cost,
    costPerAdd: lifetime.adds > 0 ? cost / lifetime.adds : null,
    roi: cost > 0 ? (lifetime.revenue - cost) / cost : null,
    lifetimeAdds: lifetime.adds,
    lifetimeRevenue: lifetime.revenue,
  };
}

export function createChannelsService(ctx: AppContext, connections: WecomConnections) {
  const { db } = ctx;

  /** References in a code: its group and the tags new customers get must be this corp's (checked before WeCom). */
  async function checkRefs(tx: Parameters<typeof repo.groupExists>[0], corpId: string, f: repo.ChannelCodeFields) {
    if (f.groupId && !(await repo.groupExists(tx, corpId, f.groupId))) throw new DomainError('not_found', 'code group not found');
    if ((await repo.knownTagIds(tx, corpId, f.tagIds)).size !== f.tagIds.length) throw new DomainError('tag_unknown');
    // Welcome attachments from the material library: each must exist and be attachable; WeCom takes 9 in all.
    const materialIds = f.welcome.materialIds ?? [];
    if (materialIds.length + (f.welcome.attachments?.length ?? 0) > 9) throw new DomainError('material_too_many');
    await checkMaterialsAttachable(tx, corpId, materialIds, 'message');
  }

  async function mustFind(corpId: string, id: string) {
    const code = await withCorp(db, corpId, (tx) => repo.findCode(tx, corpId, id));
    if (!code) throw new DomainError('not_found');
    return code;
  }

  async function summaryRows(corpId: string, q: StatsRange) {
    const range = resolveRange(q);
    return withCorp(db, corpId, async (tx) => {
      const codes = await repo.listCodes(tx, corpId);
      const inRange = new Map((await codeTotals(tx, corpId, range)).map((t) => [t.channelId, t]));
      const life = new Map((await codeTotals(tx, corpId, null)).map((t) => [t.channelId, t]));
      const rows = codes.map((c) => ({ id: c.id, name: c.name, groupId: c.groupId, ...withEconomics(c.cost, inRange.get(c.id)!, life.get(c.id)!) }));
      return { range, rows };
    });
  }

  return {
    async list(auth: AuthContext, q: { groupId?: string; q?: string }) {
      return withCorp(db, auth.corpId, async (tx) => {
        const codes = await repo.listCodes(tx, auth.corpId, q);
        const life = new Map((await codeTotals(tx, auth.corpId, null)).map((t) => [t.channelId, t]));
        const today = localTime(new Date()).day;
        const todays = new Map((await codeTotals(tx, auth.corpId, { from: today, to: today })).map((t) => [t.channelId, t]));
        return {
          items: codes.map((c) => ({
            ...c,
            totals: withEconomics(c.cost, life.get(c.id)!, life.get(c.id)!),
            today: { adds: todays.get(c.id)?.adds ?? 0, net: todays.get(c.id)?.net ?? 0 },
          })),
        };
      });
    },

    async get(auth: AuthContext, id: string) {
      return mustFind(auth.corpId, id);
    },

    async create(auth: AuthContext, input: ChannelInput) {
      const f = fields(input);
      const state = input.state ?? `ch_${randomBytes(8).toString('hex')}`;
      const client = await connections.contactClient(auth.corpId);
      // The row is written first and WeCom called before it commits; should the rest of the transaction fail after
      // add_contact_way, the contact way is deleted again so no orphaned code is left in WeCom.
      let created: string | null = null;
      try {
        return await withCorp(db, auth.corpId, async (tx) => {
          await checkRefs(tx, auth.corpId, f);
          if (await repo.findCodeByState(tx, auth.corpId, state)) throw new DomainError('channel_state_taken');
          const code = await repo.insertCode(tx, auth.corpId, state, f);
          const r = await rotationFor(tx, auth.corpId, code, new Date());
          const res = await wecomCall(() => client.addContactWay(contactWayConfig(code, r)));
          created = res.config_id;
          await repo.setWecomConfig(tx, auth.corpId, code.id, { configId: res.config_id, qrCode: res.qr_code ?? null });
          await repo.setApplied(tx, auth.corpId, code.id, r.userids, r.skipVerify);
          return { ...code, configId: res.config_id, qrCode: res.qr_code ?? null, appliedUserids: r.userids, appliedSkipVerify: r.skipVerify };
        });
      } catch (err) {
        if (created) await client.delContactWay(created).catch((e: unknown) => ctx.logger.error({ err: e, configId: created }, 'channel: cannot delete the contact way'));
        if (isUniqueViolation(err)) throw new DomainError('channel_state_taken');
        throw err;
      }
    },

    async update(auth: AuthContext, id: string, input: ChannelInput) {
      const f = fields(input);
      const client = await connections.contactClient(auth.corpId);
      return withCorp(db, auth.corpId, async (tx) => {
        await checkRefs(tx, auth.corpId, f);
        const before = await repo.findCode(tx, auth.corpId, id);
        if (!before) throw new DomainError('not_found');
        if (input.state !== undefined && input.state !== before.state) throw new DomainError('invalid_request', 'state cannot change');
        const code = (await repo.updateCode(tx, auth.corpId, id, f))!;
        if (!code.configId) return code;
        const r = await rotationFor(tx, auth.corpId, code, new Date());
        await wecomCall(() =>
          client.updateContactWay({ config_id: code.configId!, remark: code.name.slice(0, 30), skip_verify: r.skipVerify, user: r.userids }),
        );
        await repo.setApplied(tx, auth.corpId, code.id, r.userids, r.skipVerify);
        return { ...code, appliedUserids: r.userids, appliedSkipVerify: r.skipVerify };
      });
    },

    async remove(auth: AuthContext, id: string) {
      const code = await mustFind(auth.corpId, id);
      if (code.configId) {
        const client = await connections.contactClient(auth.corpId);
        await wecomCall(() => client.delContactWay(code.configId!)).catch((err: unknown) => {
          // Already gone on WeCom's side: delete ours too.
          if (!(err instanceof DomainError && err.code === 'channel_wecom_rejected')) throw err;
        });
      }
      await withCorp(db, auth.corpId, (tx) => repo.deleteCode(tx, auth.corpId, id));
    },

    async stats(auth: AuthContext, id: string, q: StatsRange) {
      const code = await mustFind(auth.corpId, id);
      const range = resolveRange(q);
      return withCorp(db, auth.corpId, async (tx) => {
        const days = await dailyStats(tx, auth.corpId, id, range);
        const [t] = await codeTotals(tx, auth.corpId, range, id);
        const [life] = await codeTotals(tx, auth.corpId, null, id);
        return { id, name: code.name, range, totals: withEconomics(code.cost, t, life), days };
      });
    },

    summary: (auth: AuthContext, q: StatsRange) => summaryRows(auth.corpId, q),

    /** Re-applies schedule / cap / auto-accept for every rotating code of a corp. */
    async rotateCorp(corpId: string, now = new Date()): Promise<number> {
      const codes = await withCorp(db, corpId, (tx) => repo.listRotatingCodes(tx, corpId));
      if (!codes.length) return 0;
      const client = await connections.contactClient(corpId);
      let changed = 0;
      for (const c of codes) {
        try {
          if (await withCorp(db, corpId, (tx) => applyRotation(tx, client, corpId, c, now))) changed++;
        } catch (err) {
          ctx.logger.warn({ err, corpId, channelId: c.id }, 'channel rotation failed');
        }
      }
      return changed;
    },

    async rotateOne(corpId: string, id: string): Promise<boolean> {
      const client = await connections.contactClient(corpId);
      return withCorp(db, corpId, async (tx) => {
        const code = await repo.findCode(tx, corpId, id);
        return code ? applyRotation(tx, client, corpId, code) : false;
      });
    },

    listGroups: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => repo.listGroups(tx, auth.corpId)),
    async createGroup(auth: AuthContext, name: string) {
      const g = await withCorp(db, auth.corpId, (tx) => repo.insertGroup(tx, auth.corpId, name));
      if (!g) throw new DomainError('conflict');
      return g;
    },
    async renameGroup(auth: AuthContext, id: string, name: string) {
      try {
        if (!(await withCorp(db, auth.corpId, (tx) => repo.renameGroup(tx, auth.corpId, id, name)))) throw new DomainError('not_found');
      } catch (err) {
        if (isUniqueViolation(err)) throw new DomainError('conflict');
        throw err;
      }
    },
    async deleteGroup(auth: AuthContext, id: string) {
      if (!(await withCorp(db, auth.corpId, (tx) => repo.deleteGroup(tx, auth.corpId, id)))) throw new DomainError('not_found');
    },
    tagOptions: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => repo.listTagOptions(tx, auth.corpId)),
  };
}

export type ChannelsService = ReturnType<typeof createChannelsService>;
