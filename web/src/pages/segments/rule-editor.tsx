import { Button, Card, Flex, Input, InputNumber, Select, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Rule, RuleLeaf } from '../../api/segments';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';

type Change = (rule: Rule) => void;

const LEAF_KINDS = [
  'attribute',
  'tags',
  'channel',
  'owner',
  'group',
  'event',
  'event_measure',
  'orders',
  'rfm',
  'segment',
] as const;
const CMP = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'];
const VALUE_OPS = ['eq', 'neq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'between', 'is_set', 'not_set'];

export function defaultLeaf(kind: string): RuleLeaf {
  switch (kind) {
    case 'attribute':
      return { kind, field: 'name', op: 'contains', value: '' };
    case 'tags':
      return { kind, match: 'any', tagIds: [] };
    case 'channel':
      return { kind, states: [] };
    case 'owner':
      return { kind, staffUserids: [] };
    case 'group':
      return { kind };
    case 'event':
      return { kind, eventType: 'link.opened', did: true, within: { lastDays: 30 } };
    case 'event_measure':
      return { kind, eventType: 'link.opened', measure: 'count', op: 'gte', value: 1, within: { lastDays: 30 } };
    case 'orders':
      return { kind, measure: 'count', op: 'gte', value: 1 };
    case 'rfm':
      return { kind, classes: [] };
    default:
      return { kind, segmentId: '' };
  }
}

function isGroup(r: Rule): r is { all: Rule[] } | { any: Rule[] } {
  return !('kind' in r) && ('all' in r || 'any' in r);
}
function isNot(r: Rule): r is { not: Rule } {
  return !('kind' in r) && 'not' in r;
}

const options = (values: readonly string[], t: (k: MessageKey) => string, prefix: string) =>
  values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }));

function NumberOperand({ op, value, onChange }: { op: string; value: unknown; onChange: (v: unknown) => void }) {
  if (op === 'between') {
    const pair = Array.isArray(value) ? (value as number[]) : [0, 0];
    return (
      <Space.Compact>
        <InputNumber value={pair[0]} onChange={(v) => onChange([v ?? 0, pair[1]])} style={{ width: 90 }} />
        <InputNumber value={pair[1]} onChange={(v) => onChange([pair[0], v ?? 0])} style={{ width: 90 }} />
      </Space.Compact>
    );
  }
  return (
    <InputNumber
      value={typeof value === 'number' ? value : 0}
      onChange={(v) => onChange(v ?? 0)}
      style={{ width: 110 }}
    />
  );
}

function ListInput({
  value,
  onChange,
  placeholder,
}: {
  value: unknown;
  onChange: (v: string[]) => void;
  placeholder: string;
}) {
  return (
    <Select
      mode="tags"
      value={(value as string[]) ?? []}
      onChange={onChange}
      placeholder={placeholder}
      style={{ minWidth: 220 }}
      tokenSeparators={[',', ' ']}
    />
  );
}

function LeafEditor({
  leaf,
  onChange,
  segments,
}: {
  leaf: RuleLeaf;
  onChange: Change;
  segments: { value: string; label: string }[];
}) {
  const t = useT();
  const set = (patch: Record<string, unknown>) => {
    const next: Record<string, unknown> = { ...leaf, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    onChange(next as RuleLeaf);
  };
  const within = (leaf.within as { lastDays?: number } | undefined)?.lastDays;
  const windowInput = (
    <InputNumber
      addonBefore={t('segments.rule.lastDays')}
      min={1}
      value={within}
      onChange={(v) => set({ within: v ? { lastDays: v } : undefined })}
      style={{ width: 170 }}
    />
  );
  switch (leaf.kind) {
    case 'attribute': {
      const field = String(leaf.field);
      const numeric = field === 'gender';
      const date = field === 'created_at';
      const op = String(leaf.op);
      return (
        <Space wrap>
          <Select
            value={field}
            onChange={(f) =>
              set({
                field: f,
                value: f === 'created_at' ? { daysAgo: 30 } : f === 'gender' ? 1 : '',
                op: f === 'created_at' ? 'gte' : 'eq',
              })
            }
            options={options(['name', 'phone', 'gender', 'created_at', 'corp_name'], t, 'segments.field')}
            style={{ width: 120 }}
          />
          <Select
            value={op}
            onChange={(o) =>
              set({
                op: o,
                value:
                  o === 'is_set' || o === 'not_set'
                    ? undefined
                    : o === 'between'
                      ? date
                        ? [{ daysAgo: 60 }, { daysAgo: 30 }]
                        : [0, 1]
                      : date
                        ? { daysAgo: 30 }
                        : numeric
                          ? 1
                          : '',
              })
            }
            options={options(VALUE_OPS, t, 'segments.op')}
            style={{ width: 110 }}
          />
          {op === 'is_set' || op === 'not_set' ? null : date && op !== 'between' ? (
            <InputNumber
              addonAfter={t('segments.rule.daysAgo')}
              value={(leaf.value as { daysAgo: number })?.daysAgo ?? 30}
              onChange={(v) => set({ value: { daysAgo: v ?? 0 } })}
            />
          ) : numeric ? (
            <NumberOperand op={op} value={leaf.value} onChange={(v) => set({ value: v })} />
          ) : op === 'in' ? (
            <ListInput value={leaf.value} onChange={(v) => set({ value: v })} placeholder="" />
          ) : (
            <Input
              value={String(leaf.value ?? '')}
              onChange={(e) => set({ value: e.target.value })}
              placeholder={op === 'contains' ? t('segments.op.containsHint') : undefined}
              style={{ width: 180 }}
            />
          )}
        </Space>
      );
    }
    case 'tags':
      return (
        <Space wrap>
          <Select
            value={String(leaf.match)}
            onChange={(m) => set({ match: m })}
            options={options(['any', 'all', 'none'], t, 'segments.match')}
            style={{ width: 120 }}
          />
          <ListInput value={leaf.tagIds} onChange={(v) => set({ tagIds: v })} placeholder={t('segments.rule.tagIds')} />
        </Space>
      );
    case 'channel':
      return (
        <ListInput value={leaf.states} onChange={(v) => set({ states: v })} placeholder={t('segments.rule.states')} />
      );
    case 'owner':
      return (
        <ListInput
          value={leaf.staffUserids}
          onChange={(v) => set({ staffUserids: v })}
          placeholder={t('segments.rule.staff')}
        />
      );
    case 'group':
      return (
        <ListInput value={leaf.chatIds} onChange={(v) => set({ chatIds: v })} placeholder={t('segments.rule.chats')} />
      );
    case 'rfm':
      return (
        <ListInput value={leaf.classes} onChange={(v) => set({ classes: v })} placeholder={t('segments.rule.rfm')} />
      );
    case 'segment':
      return (
        <Select
          value={String(leaf.segmentId || '') || undefined}
          onChange={(v) => set({ segmentId: v })}
          options={segments}
          style={{ minWidth: 220 }}
          placeholder={t('segments.rule.segment')}
        />
      );
    case 'event':
      return (
        <Space wrap>
          <Switch
            checked={leaf.did !== false}
            onChange={(v) => set({ did: v })}
            checkedChildren={t('segments.rule.did')}
            unCheckedChildren={t('segments.rule.didNot')}
          />
          <Input
            value={String(leaf.eventType ?? '')}
            onChange={(e) => set({ eventType: e.target.value })}
            placeholder={t('segments.rule.eventType')}
            style={{ width: 160 }}
          />
          {windowInput}
        </Space>
      );
    case 'event_measure':
      return (
        <Space wrap>
          <Input
            value={String(leaf.eventType ?? '')}
            onChange={(e) => set({ eventType: e.target.value })}
            placeholder={t('segments.rule.eventType')}
            style={{ width: 140 }}
          />
          <Select
            value={String(leaf.measure)}
            onChange={(m) => set({ measure: m, property: m === 'count' ? undefined : (leaf.property ?? 'amount') })}
            options={options(['count', 'sum', 'avg'], t, 'segments.measure')}
            style={{ width: 100 }}
          />
          {leaf.measure !== 'count' && (
            <Input
              value={String(leaf.property ?? '')}
              onChange={(e) => set({ property: e.target.value })}
              placeholder={t('segments.rule.property')}
              style={{ width: 110 }}
            />
          )}
          <Select
            value={String(leaf.op)}
            onChange={(o) => set({ op: o, value: o === 'between' ? [0, 1] : 1 })}
            options={options(CMP, t, 'segments.op')}
            style={{ width: 100 }}
          />
          <NumberOperand op={String(leaf.op)} value={leaf.value} onChange={(v) => set({ value: v })} />
          {windowInput}
        </Space>
      );
    case 'orders': {
      const item = (leaf.item as { category?: string } | undefined)?.category;
      return (
        <Space wrap>
          <Select
            value={String(leaf.measure)}
            onChange={(m) => set({ measure: m })}
            options={options(['count', 'amount', 'days_since_last'], t, 'segments.orders')}
            style={{ width: 150 }}
          />
          <Select
            value={String(leaf.op)}
            onChange={(o) => set({ op: o, value: o === 'between' ? [0, 1] : 1 })}
            options={options(CMP, t, 'segments.op')}
            style={{ width: 100 }}
          />
          <NumberOperand op={String(leaf.op)} value={leaf.value} onChange={(v) => set({ value: v })} />
          {windowInput}
          <Input
            value={item ?? ''}
            onChange={(e) => set({ item: e.target.value ? { category: e.target.value } : undefined })}
            placeholder={t('segments.rule.category')}
            style={{ width: 120 }}
          />
        </Space>
      );
    }
    default:
      return <Input.TextArea value={JSON.stringify(leaf)} readOnly autoSize />;
  }
}

/** Visual editor for a rule tree: nested all / any groups, not, and leaf pickers. */
export function RuleEditor({
  rule,
  onChange,
  segments,
  onRemove,
  depth = 0,
}: {
  rule: Rule;
  onChange: Change;
  segments: { value: string; label: string }[];
  onRemove?: () => void;
  depth?: number;
}) {
  const t = useT();
  const remove = onRemove ? (
    <Button
      size="small"
      type="text"
      danger
      icon={<DeleteOutlined />}
      onClick={onRemove}
      aria-label={t('segments.remove')}
    />
  ) : null;
  if (isNot(rule)) {
    return (
      <Card
        size="small"
        title={t('segments.not')}
        extra={
          <Space>
            {
              <Button size="small" onClick={() => onChange(rule.not)}>
                {t('segments.unwrapNot')}
              </Button>
            }
            {remove}
          </Space>
        }
      >
        <RuleEditor rule={rule.not} onChange={(r) => onChange({ not: r })} segments={segments} depth={depth + 1} />
      </Card>
    );
  }
  if (isGroup(rule)) {
    const mode = 'all' in rule ? 'all' : 'any';
    const items = 'all' in rule ? rule.all : rule.any;
    const setItems = (next: Rule[]) => onChange(mode === 'all' ? { all: next } : { any: next });
    return (
      <Card
        size="small"
        style={{ background: depth % 2 ? '#fafafa' : undefined }}
        title={
          <Select
            size="small"
            value={mode}
            onChange={(m) => onChange(m === 'all' ? { all: items } : { any: items })}
            options={options(['all', 'any'], t, 'segments.group')}
            style={{ width: 160 }}
          />
        }
        extra={remove}
      >
        <Flex vertical gap={8}>
          {items.map((child, i) => (
            <RuleEditor
              key={i}
              rule={child}
              depth={depth + 1}
              segments={segments}
              onChange={(r) => setItems(items.map((c, j) => (j === i ? r : c)))}
              onRemove={() => setItems(items.filter((_, j) => j !== i))}
            />
          ))}
          <Space wrap>
            <Select
              size="small"
              placeholder={
                <>
                  <PlusOutlined /> {t('segments.addCondition')}
                </>
              }
              value={null}
              onChange={(kind: string) => setItems([...items, defaultLeaf(kind)])}
              options={options(LEAF_KINDS, t, 'segments.kind')}
              style={{ width: 180 }}
              data-testid="segments-add-condition"
            />
            <Button size="small" onClick={() => setItems([...items, { all: [] }])}>
              {t('segments.addGroup')}
            </Button>
            <Button size="small" onClick={() => setItems([...items, { not: { all: [] } }])}>
              {t('segments.addNot')}
            </Button>
          </Space>
        </Flex>
      </Card>
    );
  }
  const leaf = rule as RuleLeaf;
  return (
    <Flex gap={8} align="center" wrap>
      <strong>{t(`segments.kind.${leaf.kind}` as MessageKey)}</strong>
      <LeafEditor leaf={leaf} onChange={onChange} segments={segments} />
      <Button size="small" onClick={() => onChange({ not: leaf })}>
        {t('segments.negate')}
      </Button>
      {remove}
    </Flex>
  );
}
