// Structure (TypeBox, leaf by leaf so the error points at the bad node) and meaning (operand shapes, depth) of a rule,
// without any data: the server turns a RuleShapeError into 400 invalid_rule and then checks references (tag ids,
// segment ids, cycles) against the corp's data; the console can run the same check before it sends.
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  ATTRIBUTE_TYPES,
  LeafSchemas,
  MAX_RULE_DEPTH,
  MAX_RULE_NODES,
  type Leaf,
  type Rule,
  type Scalar,
} from './rule';
import { isRelDate } from './rule-values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => UUID.test(v));
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)));

/** A rule that is not well formed: `path` is the JSON pointer of the bad node ('' for the root). */
export class RuleShapeError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || '/'}: ${reason}`);
    this.name = 'RuleShapeError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkOperand(path: string, op: string, value: unknown, kind: 'text' | 'number' | 'date' | 'json'): void {
  const list = Array.isArray(value);
  if (op === 'is_set' || op === 'not_set') {
    if (value !== undefined) throw new RuleShapeError(`${path}/value`, `${op} takes no value`);
    return;
  }
  if (value === undefined) throw new RuleShapeError(`${path}/value`, `${op} needs a value`);
  if (op === 'in' && (!list || value.length === 0)) throw new RuleShapeError(`${path}/value`, 'in needs a non-empty list');
  if (op === 'between' && (!list || value.length !== 2))
    throw new RuleShapeError(`${path}/value`, 'between needs [low, high]');
  if (op !== 'in' && op !== 'between' && list) throw new RuleShapeError(`${path}/value`, `${op} needs a single value`);
  const items: unknown[] = list ? value : [value];
  for (const [i, v] of items.entries()) {
    const at = list ? `${path}/value/${i}` : `${path}/value`;
    if (kind === 'date' && !(isRelDate(v) || (typeof v === 'string' && !Number.isNaN(Date.parse(v)))))
      throw new RuleShapeError(at, 'expected a date or { daysAgo }');
    if (kind === 'number' && typeof v !== 'number') throw new RuleShapeError(at, 'expected a number');
    if (kind === 'text' && typeof v !== 'string') throw new RuleShapeError(at, 'expected a string');
    if (kind === 'json' && typeof v !== 'string' && typeof v !== 'number')
      throw new RuleShapeError(at, 'expected a string or a number');
  }
  if (kind === 'json' && items.some((v) => typeof v !== typeof items[0]))
    throw new RuleShapeError(`${path}/value`, 'mixed value types');
  if (op === 'contains' && kind !== 'text' && !(kind === 'json' && typeof items[0] === 'string'))
    throw new RuleShapeError(`${path}/op`, 'contains works on text only');
  if (kind === 'json' && typeof items[0] === 'string' && ['gt', 'gte', 'lt', 'lte', 'between'].includes(op))
    throw new RuleShapeError(`${path}/op`, `${op} needs a number`);
}

function checkLeaf(node: Record<string, unknown>, path: string): Leaf {
  const kind = node.kind;
  if (typeof kind !== 'string' || !(kind in LeafSchemas))
    throw new RuleShapeError(path, 'expected all / any / not or a condition with a known kind');
  const schema = LeafSchemas[kind as keyof typeof LeafSchemas];
  const err = Value.Errors(schema, node).First();
  if (err) throw new RuleShapeError(`${path}${err.path}`, err.message);
  const leaf = node as Leaf;
  switch (leaf.kind) {
    case 'attribute':
      checkOperand(path, leaf.op, leaf.value, ATTRIBUTE_TYPES[leaf.field]);
      if (leaf.op === 'contains' && ATTRIBUTE_TYPES[leaf.field] !== 'text')
        throw new RuleShapeError(`${path}/op`, 'contains works on text only');
      break;
    case 'custom_field':
      checkOperand(path, leaf.op, leaf.value, leaf.type);
      if (leaf.op === 'contains' && leaf.type !== 'text')
        throw new RuleShapeError(`${path}/op`, 'contains works on text only');
      break;
    case 'event':
    case 'event_measure':
      for (const [i, f] of (leaf.where ?? []).entries()) checkOperand(`${path}/where/${i}`, f.op, f.value, 'json');
      if (leaf.kind === 'event_measure') {
        checkOperand(path, leaf.op, leaf.value, 'number');
        if (leaf.measure !== 'count' && !leaf.property)
          throw new RuleShapeError(`${path}/property`, `${leaf.measure} needs a numeric property`);
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
        throw new RuleShapeError(`${path}/maxDays`, 'maxDays is below minDays');
      break;
    default:
      break;
  }
  return leaf;
}

/** Checks the shape of an untrusted rule; throws RuleShapeError with the JSON path of the bad node. */
export function validateRuleShape(input: unknown): Rule {
  let nodes = 0;
  const walk = (node: unknown, path: string, depth: number): Rule => {
    if (++nodes > MAX_RULE_NODES) throw new RuleShapeError(path, `more than ${MAX_RULE_NODES} conditions`);
    if (depth > MAX_RULE_DEPTH) throw new RuleShapeError(path, `nested deeper than ${MAX_RULE_DEPTH}`);
    if (!isObject(node)) throw new RuleShapeError(path, 'expected an object');
    const keys = Object.keys(node);
    for (const group of ['all', 'any'] as const) {
      if (group in node) {
        if (keys.length !== 1) throw new RuleShapeError(path, `a group has only "${group}"`);
        const list = node[group];
        if (!Array.isArray(list)) throw new RuleShapeError(`${path}/${group}`, 'expected a list');
        if (list.length > 100) throw new RuleShapeError(`${path}/${group}`, 'more than 100 items');
        return { [group]: list.map((n, i) => walk(n, `${path}/${group}/${i}`, depth + 1)) } as Rule;
      }
    }
    if ('not' in node) {
      if (keys.length !== 1) throw new RuleShapeError(path, 'a group has only "not"');
      return { not: walk(node.not, `${path}/not`, depth + 1) };
    }
    return checkLeaf(node, path);
  };
  return walk(input, '', 0);
}
