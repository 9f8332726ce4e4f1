import type { AppContext } from '../../context';
import type { SegmentKind } from '../../db/schema-segments';
import { withCorp, type Tx } from '../../db/tenancy';
import { actingUserId, type AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { compileRule } from './compile-rule';
import { REFRESH_QUEUE, type RefreshJob } from './refresh-segments.job';
import type { Rule } from '@siyu/contracts';
import * as repo from './segments.repo';
import { ownScope } from '../../platform/policy/visible-scope';
import { checkRuleReferences, validateRuleShape } from './validate-rule';
import { ruleOptions } from './rule-options.repo';
import { previewCustomers, recentRefreshRuns } from './segment-preview.repo';

/** Shape + references; returns the rule and the rules of the segments it refers to (for compiling). */
export async function prepareRule(
  tx: Tx,
  corpId: string,
  input: unknown,
  selfId?: string,
): Promise<{ rule: Rule; segments: Map<string, Rule> }> {
  const rule = validateRuleShape(input);
  const all = await repo.segmentRules(tx, corpId);
  const segments = await checkRuleReferences(
    rule,
    {
      knownTagIds: (ids) => repo.knownTagIds(tx, corpId, ids),
      segmentRule: async (id) => all.get(id) ?? null,
      pipelineStages: (pipelineId) => repo.pipelineStageIds(tx, corpId, pipelineId),
    },
    selfId,
  );
  return { rule, segments };
}

export type SegmentCreate = {
  name: string;
  description?: string;
  rule: unknown;
  kind: SegmentKind;
  tagId?: string;
  active?: boolean;
};
export type SegmentPatch = { name?: string; description?: string; rule?: unknown; active?: boolean };

export function createSegmentsService(ctx: AppContext) {
  const { db } = ctx;
  const queueRefresh = (job: RefreshJob) => ctx.queue.send<RefreshJob>(REFRESH_QUEUE, job);

  return {
    list: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => repo.listSegments(tx, auth.corpId, ownScope(auth))),

    /** Names for the rule editor's pickers. */
    ruleOptions: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => ruleOptions(tx, auth.corpId, ownScope(auth))),

    async get(auth: AuthContext, id: string) {
      const seg = await withCorp(db, auth.corpId, (tx) => repo.findSegment(tx, auth.corpId, id));
      if (!seg) throw new DomainError('not_found');
      return seg;
    },

    async create(auth: AuthContext, input: SegmentCreate) {
      const id = await withCorp(db, auth.corpId, async (tx) => {
        const { rule } = await prepareRule(tx, auth.corpId, input.rule);
        if (input.kind === 'dynamic_tag') {
          if (!input.tagId || (await repo.knownTagIds(tx, auth.corpId, [input.tagId])).size === 0)
            throw new DomainError('segment_tag_invalid');
        }
        const created = await repo.insertSegment(
          tx,
          auth.corpId,
          {
            name: input.name,
            description: input.description ?? '',
            rule,
            kind: input.kind,
            tagId: input.kind === 'dynamic_tag' ? input.tagId! : null,
            active: input.active ?? true,
          },
          actingUserId(auth),
        );
        if (!created) throw new DomainError('conflict');
        return created;
      });
      await queueRefresh({ corpId: auth.corpId, segmentId: id, trigger: 'created' });
      return this.get(auth, id);
    },

    async update(auth: AuthContext, id: string, patch: SegmentPatch) {
      await withCorp(db, auth.corpId, async (tx) => {
        const rule = patch.rule === undefined ? undefined : (await prepareRule(tx, auth.corpId, patch.rule, id)).rule;
        if (patch.name !== undefined) {
          const other = await repo.findSegmentByName(tx, auth.corpId, patch.name);
          if (other && other.id !== id) throw new DomainError('conflict');
        }
        if (!(await repo.updateSegment(tx, auth.corpId, id, { ...patch, rule }))) throw new DomainError('not_found');
      });
      await queueRefresh({ corpId: auth.corpId, segmentId: id, trigger: 'updated' });
      return this.get(auth, id);
    },

    async remove(auth: AuthContext, id: string) {
      await withCorp(db, auth.corpId, async (tx) => {
        const users = await repo.segmentsReferring(tx, auth.corpId, id);
        if (users.length > 0) throw new DomainError('segment_in_use', `used by ${users.join(', ')}`);
        if (!(await repo.deleteSegment(tx, auth.corpId, id))) throw new DomainError('not_found');
      });
    },

    /** Live count and the first customers for the visual editor. */
    async preview(auth: AuthContext, input: unknown, limit = 20) {
      return withCorp(db, auth.corpId, async (tx) => {
        const { rule, segments } = await prepareRule(tx, auth.corpId, input);
        const match = compileRule(rule, { corpId: auth.corpId, now: new Date(), mode: 'set', segments });
        const { total, ids } = await repo.matchingCustomers(tx, auth.corpId, match, {
          limit,
          staffUserid: ownScope(auth),
        });
        const sample = ids.length === 0 ? [] : await previewCustomers(tx, auth.corpId, ids);
        const order = new Map(ids.map((id, i) => [id, i]));
        return { count: total, sample: sample.sort((a, b) => order.get(a.id)! - order.get(b.id)!) };
      });
    },

    async members(auth: AuthContext, id: string, page: number, pageSize: number) {
      return withCorp(db, auth.corpId, async (tx) => {
        if (!(await repo.findSegment(tx, auth.corpId, id))) throw new DomainError('not_found');
        return repo.memberPage(tx, auth.corpId, id, { page, pageSize, staffUserid: ownScope(auth) });
      });
    },

    async refresh(auth: AuthContext, id?: string) {
      if (id) await this.get(auth, id);
      await queueRefresh({ corpId: auth.corpId, segmentId: id, trigger: 'manual' });
    },

    runs: (auth: AuthContext) =>
      withCorp(db, auth.corpId, (tx) => recentRefreshRuns(tx, auth.corpId, 20)),

  };
}

export type SegmentsService = ReturnType<typeof createSegmentsService>;
