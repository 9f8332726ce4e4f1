// The names behind the ids a flow stores — tags ("group / tag"), pipelines and stages, segments, channel codes, date
// custom fields, staff and event types — loaded once per page and handed down, so every picker and summary shows
// names and an id no longer known shows as "deleted (id)".
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { channelsApi } from '../../api/channels';
import { customFieldsApi } from '../../api/custom-fields';
import { segmentsApi } from '../../api/segments';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { RulePickersProvider, useRulePickers, type RulePickers } from '../segments/rule-pickers';

export type Option = { value: string; label: string };

export type SopNames = {
  segments: Option[];
  channels: Option[];
  dateFields: Array<Option & { key: string }>;
};

const SopNamesContext = createContext<SopNames>({ segments: [], channels: [], dateFields: [] });

/** Every name a flow page needs, with the rule editor's pickers (tags, stages, staff, event types) inside. */
export function SopNamesProvider({ children }: { children: ReactNode }) {
  // A role that may not read channel codes (staff) does not ask for them; a list that fails to load stays empty and
  // the stored id still shows.
  const can = useCan();
  const readChannels = can('channels.read');
  const segments = useRequest((signal) => segmentsApi.list(signal).catch(() => ({ items: [] })), []);
  const channels = useRequest((signal) => (readChannels ? channelsApi.list(signal).catch(() => ({ items: [] })) : Promise.resolve({ items: [] })), [readChannels]);
  const fields = useRequest((signal) => customFieldsApi.list(signal).catch(() => ({ items: [] })), []);
  const value = useMemo<SopNames>(
    () => ({
      segments: (segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
      channels: (channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
      // 'birthday' is offered by its own name; a field is stored by id (the templates name it by key: both resolve).
      dateFields: (fields.data?.items ?? []).filter((f) => f.type === 'date' && f.key !== 'birthday').map((f) => ({ value: f.id, label: f.label, key: f.key })),
    }),
    [segments.data, channels.data, fields.data],
  );
  return (
    <SopNamesContext.Provider value={value}>
      <RulePickersProvider segments={value.segments}>{children}</RulePickersProvider>
    </SopNamesContext.Provider>
  );
}

export type AllNames = SopNames & RulePickers & { tagOptions: Option[]; staffOptions: Option[] };

export function useSopNames(): AllNames {
  const own = useContext(SopNamesContext);
  const pickers = useRulePickers();
  return useMemo(
    () => ({
      ...pickers,
      ...own,
      tagOptions: pickers.names.tags.map((g) => ({ value: g.id, label: `${g.groupName} / ${g.name}` })),
      staffOptions: pickers.names.staff.map((s) => ({ value: s.userid, label: s.department ? `${s.name}（${s.department}）` : s.name })),
    }),
    [own, pickers],
  );
}

/** The option list with stored values no longer known added as "deleted (id)". */
export function withUnknown(options: Option[], values: readonly string[], unknown: (id: string) => string): Option[] {
  const known = new Set(options.map((o) => o.value));
  return [...options, ...values.filter((v) => v && !known.has(v)).map((v) => ({ value: v, label: unknown(v) }))];
}

export function nameOf(options: Option[], id: string, unknown: (id: string) => string): string {
  return options.find((o) => o.value === id)?.label ?? unknown(id);
}

/** "pipeline / stage" for a stage id. */
export function stageName(pipelines: RulePickers['pipelines'], stageId: string, unknown: (id: string) => string): string {
  for (const p of pipelines) {
    const s = p.stages.find((x) => x.id === stageId);
    if (s) return `${p.name} / ${s.name}`;
  }
  return unknown(stageId);
}
