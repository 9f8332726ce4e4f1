// The wizard's first step: who the broadcast goes to. Customers by segment, tags, stage, sending staff, a filter in
// the rule language, an uploaded list, and exclusions; groups by owner, chosen groups or name. Every picker shows
// names (segments, "group / tag", staff with departments, pipelines and stages, groups) and stores ids.
import type { CustomerAudience, GroupAudience, Rule } from '@siyu/contracts';
import { Button, Flex, Form, Input, Radio, Select } from 'antd';
import { segmentsApi } from '../../api/segments';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { RuleEditor } from '../segments/rule-editor';
import { RulePickersProvider, useRulePickers } from '../segments/rule-pickers';

export type AudienceDraft = { kind: 'customer'; audience: CustomerAudience } | { kind: 'group'; audience: GroupAudience };

const EMPTY_RULE: Rule = { all: [] };
const listOf = (text: string) => [...new Set(text.split(/[\s,，]+/).map((s) => s.trim()).filter(Boolean))];

export function AudienceStep({ value, onChange }: { value: AudienceDraft; onChange: (v: AudienceDraft) => void }) {
  const segments = useRequest((signal) => segmentsApi.list(signal).catch(() => ({ items: [] })), []);
  const refs = (segments.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.memberCount}）` }));
  return (
    <RulePickersProvider segments={refs}>
      <AudienceFields value={value} onChange={onChange} refs={refs} />
    </RulePickersProvider>
  );
}

function AudienceFields({ value, onChange, refs }: { value: AudienceDraft; onChange: (v: AudienceDraft) => void; refs: Array<{ value: string; label: string }> }) {
  const t = useT();
  const pickers = useRulePickers();
  const staff = pickers.names.staff.map((s) => ({ value: s.userid, label: s.department ? `${s.name}（${s.department}）` : s.name }));
  const tags = pickers.names.tags.map((g) => ({ value: g.id, label: `${g.groupName} / ${g.name}` }));
  return (
    <Form layout="vertical" data-testid="broadcast-audience">
      <Form.Item>
        <Radio.Group
          value={value.kind}
          onChange={(e) => onChange(e.target.value === 'group' ? { kind: 'group', audience: {} } : { kind: 'customer', audience: {} })}
          options={[
            { value: 'customer', label: t('broadcasts.kind.customer') },
            { value: 'group', label: t('broadcasts.kind.group') },
          ]}
          optionType="button"
        />
      </Form.Item>
      {value.kind === 'customer' ? (
        <CustomerFields audience={value.audience} onChange={(audience) => onChange({ kind: 'customer', audience })} refs={refs} staff={staff} tags={tags} />
      ) : (
        <>
          <Form.Item label={t('broadcasts.audience.owners')}>
            <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={staff} data-testid="audience-owners"
              value={value.audience.ownerUserids ?? []}
              onChange={(ids: string[]) => onChange({ kind: 'group', audience: { ...value.audience, ownerUserids: ids.length ? ids : undefined } })} />
          </Form.Item>
          <Form.Item label={t('broadcasts.audience.groups')}>
            <Select mode="multiple" allowClear showSearch optionFilterProp="label" data-testid="audience-groups"
              options={pickers.names.groups.map((g) => ({ value: g.chatId, label: g.name || g.chatId }))}
              value={value.audience.chatIds ?? []}
              onChange={(ids: string[]) => onChange({ kind: 'group', audience: { ...value.audience, chatIds: ids.length ? ids : undefined } })} />
          </Form.Item>
          <Form.Item label={t('broadcasts.audience.nameContains')}>
            <Input value={value.audience.nameContains ?? ''} onChange={(e) => onChange({ kind: 'group', audience: { ...value.audience, nameContains: e.target.value || undefined } })} />
          </Form.Item>
        </>
      )}
    </Form>
  );
}

type Options = Array<{ value: string; label: string }>;

function CustomerFields({ audience: a, onChange, refs, staff, tags }: { audience: CustomerAudience; onChange: (a: CustomerAudience) => void; refs: Options; staff: Options; tags: Options }) {
  const t = useT();
  const pickers = useRulePickers();
  const pipeline = pickers.pipelines.find((p) => p.id === a.stage?.pipelineId);
  const set = (patch: Partial<CustomerAudience>) => onChange({ ...a, ...patch });
  return (
    <>
      <Form.Item label={t('broadcasts.audience.segment')}>
        <Select allowClear showSearch optionFilterProp="label" options={refs} value={a.segmentId} data-testid="audience-segment" onChange={(id?: string) => set({ segmentId: id || undefined })} />
      </Form.Item>
      <Form.Item label={t('broadcasts.audience.tags')}>
        <Flex gap={8}>
          <Select style={{ width: 120 }} value={a.tags?.match ?? 'any'} onChange={(match: 'any' | 'all' | 'none') => a.tags && set({ tags: { ...a.tags, match } })}
            options={(['any', 'all', 'none'] as const).map((m) => ({ value: m, label: t(`broadcasts.audience.${m}`) }))} aria-label={t('broadcasts.audience.tagsMatch')} />
          <Select mode="multiple" allowClear showSearch optionFilterProp="label" style={{ flex: 1 }} options={tags} value={a.tags?.tagIds ?? []} data-testid="audience-tags"
            onChange={(ids: string[]) => set({ tags: ids.length ? { match: a.tags?.match ?? 'any', tagIds: ids } : undefined })} />
        </Flex>
      </Form.Item>
      <Form.Item label={t('broadcasts.audience.stage')}>
        <Flex gap={8}>
          <Select allowClear style={{ width: 200 }} placeholder={t('broadcasts.audience.pipeline')} value={a.stage?.pipelineId}
            options={pickers.pipelines.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(id?: string) => set({ stage: id ? { pipelineId: id, stageIds: [] } : undefined })} />
          <Select mode="multiple" allowClear style={{ flex: 1 }} disabled={!pipeline} value={a.stage?.stageIds ?? []}
            options={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))}
            onChange={(ids: string[]) => a.stage && set({ stage: { pipelineId: a.stage.pipelineId, stageIds: ids } })} />
        </Flex>
      </Form.Item>
      <Form.Item label={t('broadcasts.audience.staff')}>
        <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={staff} value={a.staffUserids ?? []} data-testid="audience-staff"
          onChange={(ids: string[]) => set({ staffUserids: ids.length ? ids : undefined })} />
      </Form.Item>
      <RuleField label={t('broadcasts.audience.filter')} add={t('broadcasts.audience.addFilter')} rule={a.filter} refs={refs} onChange={(filter) => set({ filter })} />
      <RuleField label={t('broadcasts.audience.exclude')} add={t('broadcasts.audience.addExclude')} rule={a.exclude} refs={refs} onChange={(exclude) => set({ exclude })} />
      <Form.Item label={t('broadcasts.audience.list')}>
        <Input.TextArea rows={3} data-testid="audience-list" defaultValue={(a.externalUserids ?? []).join('\n')}
          onBlur={(e) => {
            const ids = listOf(e.target.value);
            set({ externalUserids: ids.length ? ids : undefined });
          }} />
      </Form.Item>
    </>
  );
}

function RuleField({ label, add, rule, refs, onChange }: { label: string; add: string; rule: Rule | undefined; refs: Options; onChange: (r: Rule | undefined) => void }) {
  return (
    <Form.Item label={label}>
      {rule ? (
        <Flex vertical gap={4}>
          <RuleEditor rule={rule} onChange={onChange} segments={refs} />
          <Button size="small" type="link" onClick={() => onChange(undefined)} style={{ alignSelf: 'flex-start' }}>✕</Button>
        </Flex>
      ) : (
        <Button size="small" onClick={() => onChange(EMPTY_RULE)}>{add}</Button>
      )}
    </Form.Item>
  );
}

/** The parts the server needs at least one of. */
export function hasAudience(d: AudienceDraft): boolean {
  if (d.kind === 'group') {
    const g = d.audience;
    return !!(g.ownerUserids?.length || g.chatIds?.length || g.nameContains);
  }
  const c = d.audience;
  return !!(c.segmentId || c.tags || (c.stage && c.stage.stageIds.length > 0) || c.staffUserids || c.filter || c.externalUserids);
}
