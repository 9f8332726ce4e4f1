// Structure (TypeBox, leaf by leaf so the error points at the bad node) and meaning (operand shapes, depth) of a rule.
// References (tag ids, segment ids, cycles) are checked by checkRuleReferences against the corp's data.
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DomainError } from '../../http/errors';
import {
  ATTRIBUTE_TYPES,
  LeafSchemas,
  MAX_RULE_DEPTH,
  MAX_RULE_NODES,
  isGroup,
  type Leaf,
  type Rule,
  type Scalar,
} from './segment-rule';
import { isRelDate } from './rule-values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => UUID.test(v));
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)));

export class RuleError extends DomainError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super('invalid_rule', `${path || '/'}: ${reason}`, { path, reason });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkOperand(path: string, op: string, value: unknown, kind: 'text' | 'number' | 'date' | 'json'): void {
  const list = Array.isArray(value);
  if (op === 'is_set' || op === 'not_set') {
    if (value !== undefined) throw new RuleError(`${path}/value`, `${op} takes no value`);
    return;
  }
  if (value === undefined) throw new RuleError(`${path}/value`, `${op} needs a value`);
  if (op === 'in' && (!list || value.length === 0)) throw new RuleError(`${path}/value`, 'in needs a non-empty list');
  if (op === 'between' && (!list || value.length !== 2))
    throw new RuleError(`${path}/value`, 'between needs [low, high]');
  if (op !== 'in' && op !== 'between' && list) throw new RuleError(`${path}/value`, `${op} needs a single value`);
  const items: unknown[] = list ? value : [value];
  for (const [i, v] of items.entries()) {
    const at = list ? `${path}/value/${i}` : `${path}/value`;
    if (kind === 'date' && !(isRelDate(v) || (typeof v === 'string' && !Number.isNaN(Date.parse(v)))))
      throw new RuleError(at, 'expected a date or { daysAgo }');
    if (kind === 'number' && typeof v !== 'number') throw new RuleError(at, 'expected a number');
    if (kind === 'text' && typeof v !== 'string') throw new RuleError(at, 'expected a string');
    if (kind === 'json' && typeof v !== 'string' && typeof v !== 'number')
      throw new RuleError(at, 'expected a string or a number');
  }
  if (kind === 'json' && items.some((v) => typeof v !== typeof items[0]))
    throw new RuleError(`${path}/value`, 'mixed value types');
  if (op === 'contains' && kind !== 'text' && !(kind === 'json' && typeof items[0] === 'string'))
    throw new RuleError(`${path}/op`, 'contains works on text only');
  if (kind === 'json' && typeof items[0] === 'string' && ['gt', 'gte', 'lt', 'lte', 'between'].includes(op))
    throw new RuleError(`${path}/op`, `${op} needs a number`);
}

function checkLeaf(node: Record<string, unknown>, path: string): Leaf {
  const kind = node.kind;
  if (typeof kind !== 'string' || !(kind in LeafSchemas))
    throw new RuleError(path, 'expected all / any / not or a condition with a known kind');
  const schema = LeafSchemas[kind as keyof typeof LeafSchemas];
  const err = Value.Errors(schema, node).First();
  if (err) throw new RuleError(`${path}${err.path}`, err.message);
  const leaf = node as Leaf;
  switch (leaf.kind) {
    case 'attribute':
      checkOperand(path, leaf.op, leaf.value, ATTRIBUTE_TYPES[leaf.field]);
      if (leaf.op === 'contains' && ATTRIBUTE_TYPES[leaf.field] !== 'text')
        throw new RuleError(`${path}/op`, 'contains works on text only');
      break;
    case 'custom_field':
      checkOperand(path, leaf.op, leaf.value, leaf.type);
      if (leaf.op === 'contains' && leaf.type !== 'text')
        throw new RuleError(`${path}/op`, 'contains works on text only');
      break;
    case 'event':
    case 'event_measure':
      for (const [i, f] of (leaf.where ?? []).entries()) checkOperand(`${path}/where/${i}`, f.op, f.value, 'json');
      if (leaf.kind === 'event_measure') {
        checkOperand(path, leaf.op, leaf.value, 'number');
        if (leaf.measure !== 'count' && !leaf.property)
          throw new RuleError(`${path}/property`, `${leaf.measure} needs a numeric property`);
      }
      break;
    case 'event_time':
      checkOperand(path, leaf.op, leaf.value, 'date');
      break;
    case 'orders':
    case 'points':
      checkOperand(path, leaf.op, leaf.value as Scalar | Scalar[], 'number');
      break;
    case 'stage':
      if (leaf.minDays !== undefined && leaf.maxDays !== undefined && leaf.minDays > leaf.maxDays)
        throw new RuleError(`${path}/maxDays`, 'maxDays is below minDays');
      break;
    default:
      break;
  }
  return leaf;
}

/** Checks the shape of an untrusted rule; throws RuleError (→ 400 invalid_rule) with the JSON path of the bad node. */
export function validateRuleShape(input: unknown): Rule {
  let nodes = 0;
  const walk = (node: unknown, path: string, depth: number): Rule => {
    if (++nodes > MAX_RULE_NODES) throw new RuleError(path, `more than ${MAX_RULE_NODES} conditions`);
    if (depth > MAX_RULE_DEPTH) throw new RuleError(path, `nested deeper than ${MAX_RULE_DEPTH}`);
    if (!isObject(node)) throw new RuleError(path, 'expected an object');
    const keys = Object.keys(node);
    for (const group of ['all', 'any'] as const) {
      if (group in node) {
        if (keys.length !== 1) throw new RuleError(path, `a group has only "${group}"`);
        const list = node[group];
        if (!Array.isArray(list)) throw new RuleError(`${path}/${group}`, 'expected a list');
        if (list.length > 100) throw new RuleError(`${path}/${group}`, 'more than 100 items');
        return { [group]: list.map((n, i) => walk(n, `${path}/${group}/${i}`, depth + 1)) } as Rule;
      }
    }
    if ('not' in node) {
      if (keys.length !== 1) throw new RuleError(path, 'a group has only "not"');
      return { not: walk(node.not, `${path}/not`, depth + 1) };
    }
    return checkLeaf(node, path);
  };
  return walk(input, '', 0);
}

export function walkLeaves(rule: Rule, visit: (leaf: Leaf, path: string) => void, path = ''): void {
  if (!isGroup(rule)) return visit(rule, path);
  if ('all' in rule) rule.all.forEach((r, i) => walkLeaves(r, visit, `${path}/all/${i}`));
  else if ('any' in rule) rule.any.forEach((r, i) => walkLeaves(r, visit, `${path}/any/${i}`));
  else walkLeaves(rule.not, visit, `${path}/not`);
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
      if (ref.id === selfId || stack.includes(ref.id))
        throw new RuleError(stack.length === 0 ? ref.path : '', `segment ${ref.id} refers back to itself (cycle)`);
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
