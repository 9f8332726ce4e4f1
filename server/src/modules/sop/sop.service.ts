// Decisions about SOP flows for the console: create (checked), edit (a running flow's customers at removed steps move
// where the editor says), activate, pause, resume, archive, the figures, the customers in a flow, the contact budget
// and staff tasks. SQL is in the repos; the engine is run-due-steps.
import type { SopEnrollmentQuery, SopFlow, SopFlowInput, SopFlowUpdate, SopSettings, SopStats, SopTaskStatus, SopTemplateKey } from '@siyu/contracts';
import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import { actingUserId, type AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { ownScope } from '../../platform/policy/visible-scope';
import { writeAudit } from '../audit';
import { checkFlow } from './check-flow';
import { dryRunFlow } from './dry-run-flow';
import { endRunsOfFlow, moveRuns, removeRun } from './enrollments.repo';
import { countsByFlow, findFlow, insertFlow, listFlows, setFlowStatus, updateFlow, type FlowRow } from './flows.repo';
import { getSettings, saveSettings } from './settings.repo';
import { SOP_TEMPLATES } from './sop-templates';
import { enrollmentPage, outcomes, stepFigures } from './stats.repo';
import { closeTask, findTask, listTasks } from './tasks.repo';

/** Orders count toward a flow's conversion for this many days after a customer entered. */
const ATTRIBUTION_DAYS = 30;

export function createSopService(ctx: AppContext, clock: () => Date) {
  const db = ctx.db;
  const inCorp = <T>(auth: AuthContext, fn: (tx: Tx) => Promise<T>) => withCorp(db, auth.corpId, fn);
  const checkOpts = {
    get privateWebhooks() {
      return ctx.config.webhooksToPrivate;
    },
  };

  async function view(tx: Tx, corpId: string, f: FlowRow): Promise<SopFlow> {
    const counts = (await countsByFlow(tx, corpId, [f.id])).get(f.id)!;
    return toFlow(f, counts);
  }
  async function mustFind(tx: Tx, corpId: string, id: string, lock = false): Promise<FlowRow> {
    const f = await findFlow(tx, corpId, id, lock);
    if (!f) throw new DomainError('not_found');
    return f;
  }
  async function transition(auth: AuthContext, id: string, from: readonly string[], to: 'active' | 'paused' | 'archived') {
    return inCorp(auth, async (tx) => {
      const f = await mustFind(tx, auth.corpId, id, true);
      if (f.status === 'archived') throw new DomainError('sop_flow_not_editable');
      if (!from.includes(f.status)) throw new DomainError('sop_flow_state', `the flow is ${f.status}`);
      if (to === 'active') await checkFlow(tx, auth.corpId, f, checkOpts);
      await setFlowStatus(tx, auth.corpId, id, to);
      if (to === 'archived') await endRunsOfFlow(tx, auth.corpId, id, clock());
      await writeAudit(tx, { corpId: auth.corpId, actorUserId: actingUserId(auth), action: `sop.${to === 'active' ? (f.status === 'paused' ? 'resume' : 'activate') : to === 'paused' ? 'pause' : 'archive'}`, target: id, detail: { name: f.name } });
      return view(tx, auth.corpId, (await findFlow(tx, auth.corpId, id))!);
    });
  }

  return {
    list: (auth: AuthContext) =>
      inCorp(auth, async (tx) => {
        const flows = await listFlows(tx, auth.corpId);
        const counts = await countsByFlow(tx, auth.corpId, flows.map((f) => f.id));
        return { items: flows.map((f) => toFlow(f, counts.get(f.id)!)) };
      }),
    get: (auth: AuthContext, id: string) => inCorp(auth, async (tx) => view(tx, auth.corpId, await mustFind(tx, auth.corpId, id))),
    templates: () => ({ items: Object.entries(SOP_TEMPLATES).map(([key, flow]) => ({ key: key as SopTemplateKey, flow })) }),

    create: (auth: AuthContext, input: SopFlowInput) =>
      inCorp(auth, async (tx) => {
        await checkFlow(tx, auth.corpId, input, checkOpts);
        const id = await insertFlow(tx, auth.corpId, input, actingUserId(auth));
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: actingUserId(auth), action: 'sop.create', target: id, detail: { name: input.name } });
        return view(tx, auth.corpId, (await findFlow(tx, auth.corpId, id))!);
      }),
    /** A draft from a template; it is checked in full when activated (the birthday flow needs its date field). */
    createFromTemplate: (auth: AuthContext, key: SopTemplateKey) =>
      inCorp(auth, async (tx) => {
        const id = await insertFlow(tx, auth.corpId, SOP_TEMPLATES[key], actingUserId(auth));
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: actingUserId(auth), action: 'sop.create', target: id, detail: { template: key } });
        return view(tx, auth.corpId, (await findFlow(tx, auth.corpId, id))!);
      }),

    update: (auth: AuthContext, id: string, input: SopFlowUpdate) =>
      inCorp(auth, async (tx) => {
        const f = await mustFind(tx, auth.corpId, id, true);
        if (f.status === 'archived') throw new DomainError('sop_flow_not_editable');
        const { moves = {}, ...flow } = input;
        await checkFlow(tx, auth.corpId, flow, checkOpts);
        const kept = new Set(flow.steps.map((s) => s.id));
        const removed = f.steps.filter((s) => !kept.has(s.id));
        const plan = removed.map((s) => {
          const chosen = moves[s.id];
          if (chosen !== undefined && chosen !== 'end' && !kept.has(chosen)) throw new DomainError('sop_flow_invalid', `customers at "${s.name ?? s.id}" are moved to "${chosen}", which is not a step`);
          // Default: the first step after it in the old order that is kept; none: they are done.
          const after = f.steps.slice(f.steps.indexOf(s) + 1).find((x) => kept.has(x.id));
          const to = chosen === undefined ? (after?.id ?? null) : chosen === 'end' ? null : chosen;
          return { from: s.id, to };
        });
        await updateFlow(tx, auth.corpId, id, flow);
        const moved = await moveRuns(tx, auth.corpId, id, plan, clock());
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: actingUserId(auth), action: 'sop.update', target: id, detail: { name: flow.name, removedSteps: plan, moved } });
        return view(tx, auth.corpId, (await findFlow(tx, auth.corpId, id))!);
      }),
    activate: (auth: AuthContext, id: string) => transition(auth, id, ['draft'], 'active'),
    pause: (auth: AuthContext, id: string) => transition(auth, id, ['active'], 'paused'),
    resume: (auth: AuthContext, id: string) => transition(auth, id, ['paused'], 'active'),
    archive: (auth: AuthContext, id: string) => transition(auth, id, ['draft', 'active', 'paused'], 'archived'),

    stats: (auth: AuthContext, id: string): Promise<SopStats> =>
      inCorp(auth, async (tx) => {
        const f = await mustFind(tx, auth.corpId, id);
        const counts = (await countsByFlow(tx, auth.corpId, [id])).get(id)!;
        const figures = await stepFigures(tx, auth.corpId, id);
        const o = await outcomes(tx, auth.corpId, id, ATTRIBUTION_DAYS);
        const rate = (x: { customers: number; converted: number }) => (x.customers ? x.converted / x.customers : 0);
        const flow = { ...o.flow, conversionRate: rate(o.flow) };
        const holdout = o.holdout.customers ? { ...o.holdout, conversionRate: rate(o.holdout) } : null;
        return {
          counts,
          steps: f.steps.map((s) => figures.find((x) => x.stepId === s.id) ?? { stepId: s.id, reached: 0, waiting: 0, done: 0, skipped: 0, failed: 0 }),
          flow,
          holdout,
          liftPoints: holdout ? Math.round((flow.conversionRate - holdout.conversionRate) * 10_000) / 100 : null,
        };
      }),
    enrollments: (auth: AuthContext, id: string, q: SopEnrollmentQuery) =>
      inCorp(auth, async (tx) => {
        const f = await mustFind(tx, auth.corpId, id);
        const page = await enrollmentPage(tx, auth.corpId, id, q);
        const names = new Map(f.steps.map((s) => [s.id, s.name ?? s.id]));
        return { total: page.total, items: page.items.map((e) => ({ ...e, stepName: e.stepId ? (names.get(e.stepId) ?? e.stepId) : null })) };
      }),
    removeEnrollment: (auth: AuthContext, id: string, enrollmentId: string) =>
      inCorp(auth, async (tx) => {
        await mustFind(tx, auth.corpId, id);
        if (!(await removeRun(tx, auth.corpId, id, enrollmentId, clock()))) throw new DomainError('not_found', 'no active run of this customer in this flow');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: actingUserId(auth), action: 'sop.remove_customer', target: id, detail: { enrollmentId } });
        return { ok: true as const };
      }),
    dryRun: (auth: AuthContext, id: string) => inCorp(auth, async (tx) => dryRunFlow(tx, auth.corpId, await mustFind(tx, auth.corpId, id), clock())),

    settings: (auth: AuthContext) => inCorp(auth, (tx) => getSettings(tx, auth.corpId)),
    saveSettings: (auth: AuthContext, s: SopSettings) =>
      inCorp(auth, async (tx) => {
        if ((s.quietStart === null) !== (s.quietEnd === null)) throw new DomainError('invalid_request', 'quiet hours need both a start and an end');
        await saveSettings(tx, auth.corpId, s);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: actingUserId(auth), action: 'sop.settings', target: auth.corpId, detail: s });
        return getSettings(tx, auth.corpId);
      }),

    tasks: (auth: AuthContext, q: { status?: SopTaskStatus; customerId?: string }) => inCorp(auth, async (tx) => ({ items: await listTasks(tx, auth.corpId, { staffUserid: ownScope(auth), ...q }) })),
    closeTask: (auth: AuthContext, id: string, status: 'done' | 'dismissed') =>
      inCorp(auth, async (tx) => {
        const t = await findTask(tx, auth.corpId, id);
        const own = ownScope(auth);
        if (!t || (own && t.staffUserid !== own)) throw new DomainError('not_found');
        if (!(await closeTask(tx, auth.corpId, id, status))) throw new DomainError('sop_task_closed');
        return (await findTask(tx, auth.corpId, id))!;
      }),
  };
}

function toFlow(f: FlowRow, counts: SopFlow['counts']): SopFlow {
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    status: f.status,
    entry: f.entry,
    condition: f.condition,
    reentry: f.reentry,
    exit: f.exit,
    holdoutPercent: f.holdoutPercent,
    steps: f.steps,
    counts,
    createdByName: f.createdByName,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    activatedAt: f.activatedAt?.toISOString() ?? null,
  };
}

export type SopService = ReturnType<typeof createSopService>;
