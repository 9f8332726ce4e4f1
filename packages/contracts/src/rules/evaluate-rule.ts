// The reference meaning of a rule: a straightforward evaluation over plain data. Tests hold the SQL compiler to it.
import { ATTRIBUTE_TYPES, isGroup, type PropFilter, type Rule, type Scalar } from './rule';
import { asciiLower, compareValue, daysSince, inRange, propKind, resolveOperand, resolveWindow, DAY_MS } from './rule-values';

export type MemCustomer = { id: string; external_userid: string | null } & Record<string, unknown>;
export type MemFollow = {
  customer_id: string;
  staff_userid: string;
  state: string | null;
  tag_ids: string[];
  deleted_at: Date | null;
};
export type MemEvent = { customer_id: string; type: string; occurred_at: Date; properties: Record<string, unknown> };
export type MemOrder = {
  customer_id: string;
  amount: number;
  paid_at: Date;
  items: Array<{ name?: string; category?: string }>;
};
export type MemData = {
  customers: MemCustomer[];
  follows: MemFollow[];
  events: MemEvent[];
  orders: MemOrder[];
  groupMembers: Array<{ chat_id: string; userid: string }>;
  stages?: Array<{ customer_id: string; pipeline_id: string; stage_id: string; entered_at: Date }>;
  customFields?: Array<{
    customer_id: string;
    key: string;
    text_value: string | null;
    number_value: number | null;
    date_value: Date | null;
  }>;
  rfm?: Array<{ customer_id: string; class: string }>;
  points?: Array<{ customer_id: string; points: number; growth: number; level: number }>;
  segments?: ReadonlyMap<string, Rule>;
};

function jsonValue(
  obj: Record<string, unknown> | undefined,
  prop: string,
  kind: 'text' | 'number',
): string | number | null {
  const v = obj?.[prop];
  if (kind === 'number') return typeof v === 'number' ? v : null;
  return typeof v === 'string' ? v : null;
}

function propMatches(props: Record<string, unknown>, f: PropFilter, now: Date): boolean {
  if (f.op === 'is_set' || f.op === 'not_set') {
    const v = props[f.property];
    const set = v !== undefined && v !== null && v !== '';
    return f.op === 'is_set' ? set : !set;
  }
  const kind = propKind(f);
  return compareValue(
    jsonValue(props, f.property, kind),
    kind,
    f.op,
    resolveOperand(kind, f.value as Scalar | Scalar[], now),
  );
}

export function evaluateRule(
  rule: Rule,
  c: MemCustomer,
  data: MemData,
  now: Date,
  seen: readonly string[] = [],
): boolean {
  if (isGroup(rule)) {
    if ('all' in rule) return rule.all.every((r) => evaluateRule(r, c, data, now, seen));
    if ('any' in rule) return rule.any.some((r) => evaluateRule(r, c, data, now, seen));
    return !evaluateRule(rule.not, c, data, now, seen);
  }
  const follows = () => data.follows.filter((f) => f.customer_id === c.id);
  const active = () => follows().filter((f) => f.deleted_at === null);
  const events = (type: string) => data.events.filter((e) => e.customer_id === c.id && e.type === type);
  switch (rule.kind) {
    case 'attribute': {
      const kind = ATTRIBUTE_TYPES[rule.field];
      return compareValue(
        c[rule.field] as string | number | Date | null,
        kind,
        rule.op,
        resolveOperand(kind, rule.value, now),
      );
    }
    case 'custom_field': {
      const col = rule.type === 'number' ? 'number_value' : rule.type === 'date' ? 'date_value' : 'text_value';
      const rows = (data.customFields ?? []).filter((v) => v.customer_id === c.id && v.key === rule.key);
      const hit = (op: typeof rule.op) =>
        rows.some((v) => compareValue(v[col], rule.type, op, resolveOperand(rule.type, rule.value, now)));
      return rule.op === 'not_set' ? !hit('is_set') : hit(rule.op);
    }
    case 'tags': {
      const have = new Set(active().flatMap((f) => f.tag_ids));
      if (rule.match === 'all') return rule.tagIds.every((t) => have.has(t));
      const any = rule.tagIds.some((t) => have.has(t));
      return rule.match === 'any' ? any : !any;
    }
    case 'channel':
      return follows().some((f) => f.state !== null && rule.states.includes(f.state));
    case 'owner':
      return active().some((f) => rule.staffUserids.includes(f.staff_userid));
    case 'group':
      return (
        c.external_userid !== null &&
        data.groupMembers.some(
          (g) =>
            g.userid === c.external_userid &&
            (!rule.chatIds || rule.chatIds.length === 0 || rule.chatIds.includes(g.chat_id)),
        )
      );
    case 'stage':
      return (data.stages ?? []).some(
        (s) =>
          s.customer_id === c.id &&
          s.pipeline_id === rule.pipelineId &&
          rule.stageIds.includes(s.stage_id) &&
          (rule.minDays === undefined || s.entered_at.getTime() <= now.getTime() - rule.minDays * DAY_MS) &&
          (rule.maxDays === undefined || s.entered_at.getTime() > now.getTime() - (rule.maxDays + 1) * DAY_MS),
      );
    case 'segment': {
      const target = data.segments?.get(rule.segmentId);
      if (!target || seen.includes(rule.segmentId)) return false;
      return evaluateRule(target, c, data, now, [...seen, rule.segmentId]);
    }
    case 'event': {
      const w = resolveWindow(rule.within, now);
      const hit = events(rule.eventType).some(
        (e) => inRange(e.occurred_at, w) && (rule.where ?? []).every((f) => propMatches(e.properties, f, now)),
      );
      return rule.did ? hit : !hit;
    }
    case 'event_measure': {
      const w = resolveWindow(rule.within, now);
      const rows = events(rule.eventType).filter(
        (e) => inRange(e.occurred_at, w) && (rule.where ?? []).every((f) => propMatches(e.properties, f, now)),
      );
      const nums = rule.property
        ? rows.map((e) => jsonValue(e.properties, rule.property!, 'number')).filter((v): v is number => v !== null)
        : [];
      const sum = nums.reduce((a, b) => a + b, 0);
      const value =
        rule.measure === 'count'
          ? rows.length
          : rule.measure === 'sum'
            ? sum
            : nums.length > 0
              ? sum / nums.length
              : null;
      return compareValue(value, 'number', rule.op, resolveOperand('number', rule.value, now));
    }
    case 'event_time': {
      const times = events(rule.eventType).map((e) => e.occurred_at.getTime());
      const t = times.length === 0 ? null : new Date(rule.which === 'first' ? Math.min(...times) : Math.max(...times));
      return compareValue(t, 'date', rule.op, resolveOperand('date', rule.value as Scalar | Scalar[] | undefined, now));
    }
    case 'orders': {
      const w = resolveWindow(rule.within, now);
      const item = rule.item;
      const hasItemFilter = item && (item.category !== undefined || item.nameContains !== undefined);
      const rows = data.orders.filter(
        (o) =>
          o.customer_id === c.id &&
          inRange(o.paid_at, w) &&
          (!hasItemFilter ||
            o.items.some(
              (it) =>
                (item.category !== undefined && it.category === item.category) ||
                (item.nameContains !== undefined && typeof it.name === 'string' && asciiLower(it.name).includes(asciiLower(item.nameContains))),
            )),
      );
      const last = rows.length === 0 ? null : Math.max(...rows.map((o) => o.paid_at.getTime()));
      const value =
        rule.measure === 'count'
          ? rows.length
          : rule.measure === 'amount'
            ? rows.reduce((a, o) => a + o.amount, 0)
            : last === null
              ? null
              : daysSince(new Date(last), now);
      return compareValue(value, 'number', rule.op, resolveOperand('number', rule.value, now));
    }
    case 'rfm':
      return (data.rfm ?? []).some((r) => r.customer_id === c.id && rule.classes.includes(r.class));
    case 'points': {
      const row = (data.points ?? []).find((p) => p.customer_id === c.id);
      return compareValue(row ? row[rule.field] : 0, 'number', rule.op, resolveOperand('number', rule.value, now));
    }
  }
}
