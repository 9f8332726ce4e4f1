// Checks a flow before it is saved: its steps form a runnable graph, its rules are valid rules of the corp, and
// everything it names (tags, stages, segments, channel codes, date fields, materials) exists. The first problem is
// a sop_flow_invalid error naming the step; a bad rule or material keeps its own code.
import type { SopEventFilter, SopFlowInput } from '@siyu/contracts';
import type { Tx } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { privateUrlProblem } from '../../platform/policy/outbound-address';
import { checkMaterialsAttachable } from '../materials';
import { prepareRule } from '../segments';
import { stepsProblem } from './flow-graph';
import { missingReference, type Refs } from './references.repo';
import { dateFieldExists } from './timed-entries.repo';

/** `privateWebhooks`: the deployment lets webhooks call private network addresses (SIYU_WEBHOOK_PRIVATE). */
export async function checkFlow(tx: Tx, corpId: string, f: SopFlowInput, opts: { privateWebhooks: boolean }): Promise<void> {
  const problem = stepsProblem(f.steps);
  if (problem) throw new DomainError('sop_flow_invalid', problem);
  const refs: Refs = { tagIds: [], stages: [], stageIds: [], segmentIds: [], channelIds: [] };
  const addFilter = (x: SopEventFilter | undefined) => {
    if (!x) return;
    refs.tagIds.push(...(x.tagIds ?? []));
    if (x.stageId) refs.stageIds.push(x.stageId);
    if (x.segmentId) refs.segmentIds.push(x.segmentId);
    refs.channelIds.push(...(x.channelIds ?? []));
  };
  if (f.entry.kind === 'event') addFilter(f.entry.filter);
  if (f.entry.kind === 'date' && !(await dateFieldExists(tx, corpId, f.entry.field))) throw new DomainError('sop_flow_invalid', `the entry date field "${f.entry.field}" is not a date field`);
  addFilter(f.exit.goalFilter);
  const rules: Array<[string, unknown]> = [
    ['/condition', f.condition],
    ['/exit/goalRule', f.exit.goalRule],
  ];
  const materials: string[] = [];
  for (const [i, s] of f.steps.entries()) {
    if (s.kind === 'wait' && s.wait.type === 'event') addFilter(s.wait.filter);
    if (s.kind === 'branch') rules.push(...s.branches.map((b, j): [string, unknown] => [`/steps/${i}/branches/${j}/rule`, b.rule]));
    if (s.kind === 'tag') refs.tagIds.push(...s.add, ...s.remove);
    if (s.kind === 'stage') refs.stages.push({ pipelineId: s.pipelineId, stageId: s.stageId });
    if ((s.kind === 'message' || s.kind === 'remind') && !s.content.text.trim() && !(s.content.materialIds ?? []).length) {
      throw new DomainError('sop_flow_invalid', `step "${s.name ?? s.id}" has no text and no material`);
    }
    if (s.kind === 'message' || s.kind === 'remind') materials.push(...(s.content.materialIds ?? []));
    const badUrl = s.kind === 'webhook' && !opts.privateWebhooks ? privateUrlProblem(s.url) : null;
    if (badUrl) throw new DomainError('sop_flow_invalid', `step "${s.name ?? s.id}": the webhook address ${badUrl}`);
  }
  if (f.exit.goalEvent === undefined && f.exit.goalFilter) throw new DomainError('sop_flow_invalid', 'a goal filter needs a goal event');
  for (const [place, rule] of rules) {
    if (!rule) continue;
    // A rule's own error names its place inside the rule; prefix where the rule sits in the flow.
    await prepareRule(tx, corpId, rule).catch((err: unknown) => {
      throw err instanceof DomainError ? new DomainError(err.code, `${place}${err.message.startsWith('/') ? '' : ': '}${err.message === err.code ? '' : err.message}`, err.details) : err;
    });
  }
  const missing = await missingReference(tx, corpId, refs);
  if (missing) throw new DomainError('sop_flow_invalid', missing);
  if (materials.length) await checkMaterialsAttachable(tx, corpId, materials, 'message');
}
