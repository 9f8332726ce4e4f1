// The rule tree editor: nested all / any groups, not, and one condition editor per leaf kind (leaf-editors.tsx,
// typed over every kind of the rule language). A rule the server refuses shows the reason at the condition it names.
import type { ReactNode } from 'react';
import { Button, Card, Flex, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { LEAF_KINDS, type Leaf, type LeafKind, type Rule } from '@siyu/contracts';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';
import { defaultLeaf } from './leaf-defaults';
import { LEAF_EDITORS } from './leaf-editors';
import { options } from './rule-inputs';
import { RulePickersProvider, type RulePickers } from './rule-pickers';
import { problemWithin, type RuleProblem } from './rule-problem';

type Change = (rule: Rule) => void;

function isGroup(r: Rule): r is { all: Rule[] } | { any: Rule[] } {
  return !('kind' in r) && ('all' in r || 'any' in r);
}
function isNot(r: Rule): r is { not: Rule } {
  return !('kind' in r) && 'not' in r;
}

function LeafEditor({ leaf, onChange }: { leaf: Leaf; onChange: (leaf: Leaf) => void }) {
  // The table is typed kind by kind; here the kind is known only at run time.
  const Edit = LEAF_EDITORS[leaf.kind] as unknown as (props: { leaf: Leaf; onChange: (leaf: Leaf) => void }) => ReactNode;
  return <Edit leaf={leaf} onChange={onChange} />;
}

function ProblemText({ problem }: { problem: RuleProblem }) {
  return (
    <Typography.Text type="danger" data-testid="rule-problem">
      {problem.reason}
    </Typography.Text>
  );
}

/** Visual editor for a rule tree; `problem` is where the server last refused it (see ruleProblemOf). */
export function RuleEditor({
  rule,
  onChange,
  segments,
  problem,
}: {
  rule: Rule;
  onChange: Change;
  segments: RulePickers['segments'];
  problem?: RuleProblem | null;
}) {
  return (
    <RulePickersProvider segments={segments}>
      <RuleNode rule={rule} onChange={onChange} path="" problem={problem ?? null} />
    </RulePickersProvider>
  );
}

function RuleNode({
  rule,
  onChange,
  onRemove,
  path,
  problem,
  depth = 0,
}: {
  rule: Rule;
  onChange: Change;
  onRemove?: () => void;
  path: string;
  problem: RuleProblem | null;
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
        <RuleNode
          rule={rule.not}
          onChange={(r) => onChange({ not: r })}
          path={`${path}/not`}
          problem={problem}
          depth={depth + 1}
        />
      </Card>
    );
  }
  if (isGroup(rule)) {
    const mode = 'all' in rule ? 'all' : 'any';
    const items = 'all' in rule ? rule.all : rule.any;
    const setItems = (next: Rule[]) => onChange(mode === 'all' ? { all: next } : { any: next });
    const childPath = (i: number) => `${path}/${mode}/${i}`;
    const own = problemWithin(problem, path) && !items.some((_, i) => problemWithin(problem, childPath(i)));
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
          {own && problem && <ProblemText problem={problem} />}
          {items.map((child, i) => (
            <RuleNode
              key={i}
              rule={child}
              depth={depth + 1}
              path={childPath(i)}
              problem={problem}
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
              onChange={(kind: LeafKind) => setItems([...items, defaultLeaf(kind)])}
              options={options(LEAF_KINDS, t, 'segments.kind')}
              style={{ width: 180 }}
              // Every kind rendered (no virtual list): the menu is short and tests pick any of its items.
              virtual={false}
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
  const leaf = rule;
  return (
    <Flex gap={8} align="center" wrap data-testid={`rule-leaf-${leaf.kind}`}>
      <strong>{t(`segments.kind.${leaf.kind}` as MessageKey)}</strong>
      <LeafEditor leaf={leaf} onChange={onChange} />
      <Button size="small" onClick={() => onChange({ not: leaf })}>
        {t('segments.negate')}
      </Button>
      {remove}
      {problemWithin(problem, path) && problem && <ProblemText problem={problem} />}
    </Flex>
  );
}
