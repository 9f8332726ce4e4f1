// The server's half of rule validation: the shape check from the contracts as a 400 invalid_rule, then references
// (tag ids, pipelines, segment ids) checked against the corp's data; a cycle through segments is segment_rule_cycle.
import { RuleShapeError, validateRuleShape as checkShape, walkLeaves, type Rule } from '@siyu/contracts';
import { DomainError } from '../../http/errors';

export class RuleError extends DomainError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super('invalid_rule', `${path || '/'}: ${reason}`, { path, reason });
  }
}

/** Checks the shape of an untrusted rule; throws RuleError (→ 400 invalid_rule) with the JSON path of the bad node. */
export function validateRuleShape(input: unknown): Rule {
  try {
    return checkShape(input);
  } catch (err) {
    if (err instanceof RuleShapeError) throw new RuleError(err.path, err.reason);
    throw err;
  }
}

export type ReferenceLookup = {
  knownTagIds(ids: string[]): Promise<Set<string>>;
  segmentRule(id: string): Promise<Rule | null>;
  /** The stage ids of a pipeline of this corp; null when the corp has no such pipeline. */
  pipelineStages?(pipelineId: string): Promise<Set<string> | null>;
};

/**
 * Unknown tag ids and segment ids, and cycles through segment references. `selfId` is the segment being saved.
 * Returns the rules of every segment reachable from `rule`, for the compiler.
 */
export async function checkRuleReferences(
  rule: Rule,
  lookup: ReferenceLookup,
  selfId?: string,
): Promise<Map<string, Rule>> {
  const tagPaths = new Map<string, string>();
  walkLeaves(rule, (leaf, path) => {
    if (leaf.kind === 'tags') leaf.tagIds.forEach((t, i) => tagPaths.has(t) || tagPaths.set(t, `${path}/tagIds/${i}`));
  });
  if (tagPaths.size > 0) {
    const known = await lookup.knownTagIds([...tagPaths.keys()]);
    for (const [t, path] of tagPaths) if (!known.has(t)) throw new RuleError(path, `unknown tag id ${t}`);
  }
  if (lookup.pipelineStages) {
    const stageLeaves: Array<{ pipelineId: string; stageIds: string[]; path: string }> = [];
    walkLeaves(rule, (leaf, path) => {
      if (leaf.kind === 'stage') stageLeaves.push({ pipelineId: leaf.pipelineId, stageIds: leaf.stageIds, path });
    });
    for (const l of stageLeaves) {
      const stages = await lookup.pipelineStages(l.pipelineId);
      if (!stages) throw new RuleError(`${l.path}/pipelineId`, `unknown pipeline ${l.pipelineId}`);
      l.stageIds.forEach((id, i) => {
        if (!stages.has(id)) throw new RuleError(`${l.path}/stageIds/${i}`, `stage ${id} is not in pipeline ${l.pipelineId}`);
      });
    }
  }
  const resolved = new Map<string, Rule>();
  const visit = async (r: Rule, stack: string[]): Promise<void> => {
    const refs: Array<{ id: string; path: string }> = [];
    walkLeaves(r, (leaf, path) => {
      if (leaf.kind === 'segment') refs.push({ id: leaf.segmentId, path: `${path}/segmentId` });
    });
    for (const ref of refs) {
      if (ref.id === selfId || stack.includes(ref.id)) {
        const path = stack.length === 0 ? ref.path : '';
        throw new DomainError('segment_rule_cycle', `${path || '/'}: segment ${ref.id} refers back to itself (cycle)`, { path, via: [...stack, ref.id] });
      }
      let target = resolved.get(ref.id) ?? null;
      if (!target) {
        target = await lookup.segmentRule(ref.id);
        if (!target) throw new RuleError(stack.length === 0 ? ref.path : '', `unknown segment ${ref.id}`);
        resolved.set(ref.id, target);
      }
      await visit(target, [...stack, ref.id]);
    }
  };
  await visit(rule, []);
  return resolved;
}
