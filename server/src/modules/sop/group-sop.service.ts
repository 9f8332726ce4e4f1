// Decisions about group SOP plans: create and edit (checked, each push's next time computed in Asia/Shanghai), pause
// (nothing is due while paused), resume (due again from now on, no backlog), archive (final); the views the console
// reads, where a staff member sees the results of their own groups only. Never speaks HTTP.
import {
  nextGroupSopOccurrence,
  type GroupSopPlan,
  type GroupSopPlanInput,
  type GroupSopPlanList,
  type GroupSopRunList,
  type GroupSopRunQuery,
  type GroupSopStatus,
} from '@siyu/contracts';
import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { ownScope } from '../../platform/policy/visible-scope';
import { checkPlan } from './group-sop-check';
import * as repo from './group-sop.repo';

export type GroupSopDeps = { ctx: AppContext; now(): Date };

export function createGroupSopService(deps: GroupSopDeps) {
  const { ctx } = deps;

  async function views(tx: Tx, auth: AuthContext, plans: repo.PlanRow[]): Promise<GroupSopPlan[]> {
    const ids = plans.map((p) => p.id);
    const pushes = await repo.pushes(tx, auth.corpId, ids);
    const counts = await repo.counts(tx, auth.corpId, ids, ownScope(auth));
    const groups = await repo.groupCounts(tx, auth.corpId, ids);
    const owners = await repo.knownStaff(tx, auth.corpId, [...new Set(plans.flatMap((p) => p.selection.ownerUserids ?? []))]);
    return plans.map((p) => {
      const mine = pushes.filter((x) => x.plan_id === p.id);
      const next = mine.map((x) => x.next_at?.getTime() ?? Infinity).reduce((a, b) => Math.min(a, b), Infinity);
      const c = counts.get(p.id);
      return {
        id: p.id,
        name: p.name,
        status: p.status,
        selection: p.selection,
        ownerNames: (p.selection.ownerUserids ?? []).map((u) => owners.get(u) ?? u),
        groups: groups.get(p.id) ?? 0,
        pushes: mine.map((x) => ({ id: x.id, schedule: x.schedule, action: x.action, content: x.content, nextAt: x.next_at?.toISOString() ?? null })),
        nextAt: Number.isFinite(next) ? new Date(next).toISOString() : null,
        counts: { runs: Number(c?.runs ?? 0), created: Number(c?.created ?? 0), sent: Number(c?.sent ?? 0), reminded: Number(c?.reminded ?? 0), failed: Number(c?.failed ?? 0) },
        lastError: p.last_error,
        lastErrorAt: p.last_error_at?.toISOString() ?? null,
        createdAt: p.created_at.toISOString(),
        updatedAt: p.updated_at.toISOString(),
      };
    });
  }

  async function view(tx: Tx, auth: AuthContext, id: string): Promise<GroupSopPlan> {
    const p = await repo.plan(tx, auth.corpId, id);
    if (!p) throw new DomainError('not_found');
    return (await views(tx, auth, [p]))[0];
  }

  /** The pushes to write, each with its next time (none while the plan is not active). */
  function pushWrites(input: GroupSopPlanInput, active: boolean): repo.PushWrite[] {
    const now = deps.now();
    return input.pushes.map((p, i) => ({
      id: p.id ?? null,
      position: i,
      schedule: p.schedule.kind === 'weekly' ? { ...p.schedule, weekdays: [...new Set(p.schedule.weekdays)].sort() } : p.schedule,
      action: p.action,
      content: p.content,
      nextAt: active ? nextGroupSopOccurrence(p.schedule, now) : null,
    }));
  }

  async function transition(auth: AuthContext, id: string, allowed: GroupSopStatus[], to: GroupSopStatus): Promise<GroupSopPlan> {
    return withCorp(ctx.db, auth.corpId, async (tx) => {
      const p = await repo.plan(tx, auth.corpId, id, true);
      if (!p) throw new DomainError('not_found');
      if (p.status === 'archived') throw new DomainError('group_sop_archived');
      if (allowed.includes(p.status)) {
        await repo.setStatus(tx, auth.corpId, id, to);
        if (to === 'active') {
          const pushes = await repo.pushes(tx, auth.corpId, [id]);
          await repo.setNextAt(tx, auth.corpId, id, pushes.map((x) => ({ id: x.id, nextAt: nextGroupSopOccurrence(x.schedule, deps.now()) })));
        } else {
          await repo.clearNextAt(tx, auth.corpId, id);
        }
      }
      return view(tx, auth, id);
    });
  }

  return {
    async list(auth: AuthContext): Promise<GroupSopPlanList> {
      return withCorp(ctx.db, auth.corpId, async (tx) => ({ items: await views(tx, auth, await repo.plans(tx, auth.corpId)) }));
    },

    get: (auth: AuthContext, id: string) => withCorp(ctx.db, auth.corpId, (tx) => view(tx, auth, id)),

    async create(auth: AuthContext, input: GroupSopPlanInput): Promise<GroupSopPlan> {
      if (input.pushes.some((p) => p.id)) throw new DomainError('group_sop_unknown_push');
      return withCorp(ctx.db, auth.corpId, async (tx) => {
        await checkPlan(tx, auth.corpId, input, deps.now());
        const id = await repo.insertPlan(tx, auth.corpId, { name: input.name.trim(), selection: input.selection, createdBy: auth.userId });
        await repo.writePushes(tx, auth.corpId, id, pushWrites(input, true));
        return view(tx, auth, id);
      });
    },

    async update(auth: AuthContext, id: string, input: GroupSopPlanInput): Promise<GroupSopPlan> {
      return withCorp(ctx.db, auth.corpId, async (tx) => {
        const p = await repo.plan(tx, auth.corpId, id, true);
        if (!p) throw new DomainError('not_found');
        if (p.status === 'archived') throw new DomainError('group_sop_archived');
        const current = new Set((await repo.pushes(tx, auth.corpId, [id])).map((x) => x.id));
        if (input.pushes.some((x) => x.id && !current.has(x.id))) throw new DomainError('group_sop_unknown_push');
        await checkPlan(tx, auth.corpId, input, deps.now());
        await repo.updatePlan(tx, auth.corpId, id, { name: input.name.trim(), selection: input.selection });
        await repo.writePushes(tx, auth.corpId, id, pushWrites(input, p.status === 'active'));
        return view(tx, auth, id);
      });
    },

    pause: (auth: AuthContext, id: string) => transition(auth, id, ['active'], 'paused'),
    resume: (auth: AuthContext, id: string) => transition(auth, id, ['paused'], 'active'),
    archive: (auth: AuthContext, id: string) => transition(auth, id, ['active', 'paused'], 'archived'),

    async runs(auth: AuthContext, id: string, q: GroupSopRunQuery): Promise<GroupSopRunList> {
      return withCorp(ctx.db, auth.corpId, async (tx) => {
        if (!(await repo.plan(tx, auth.corpId, id))) throw new DomainError('not_found');
        const { rows, total } = await repo.runs(tx, auth.corpId, id, ownScope(auth), q.limit ?? 200);
        return {
          total,
          items: rows.map((r) => ({
            pushId: r.push_id,
            action: r.action,
            occurrenceAt: r.occurrence_at.toISOString(),
            chatId: r.chat_id,
            groupName: r.group_name || r.chat_id,
            ownerName: r.owner_name ?? r.owner_userid ?? '',
            state: r.state,
            sentAt: r.sent_at?.toISOString() ?? null,
            error: r.error,
          })),
        };
      });
    },
  };
}

export type GroupSopService = ReturnType<typeof createGroupSopService>;
