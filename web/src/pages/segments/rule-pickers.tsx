// Names the rule editor shows for the ids a rule stores: segments, pipelines and their stages, custom fields, levels,
// and tags, channels, staff, groups and event types (GET /api/segments/rule-options).
// Loaded once per editor and handed down through a context, so nested groups do not load them again.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { customFieldsApi } from '../../api/custom-fields';
import { profileSettingsApi } from '../../api/profile-settings';
import { profilesApi } from '../../api/profiles';
import { segmentsApi, type RuleOptions } from '../../api/segments';
import { useRequest } from '../../api/use-request';

export type RulePickers = {
  segments: Array<{ value: string; label: string }>;
  pipelines: Array<{ id: string; name: string; stages: Array<{ id: string; name: string }> }>;
  customFields: Array<{ key: string; label: string; type: 'text' | 'number' | 'date' | 'select'; options: string[] }>;
  levels: Array<{ level: number; name: string }>;
  names: RuleOptions;
};

const NO_NAMES: RuleOptions = { tags: [], channels: [], staff: [], groups: [], eventTypes: [] };

const RulePickersContext = createContext<RulePickers>({ segments: [], pipelines: [], customFields: [], levels: [], names: NO_NAMES });

export function useRulePickers(): RulePickers {
  return useContext(RulePickersContext);
}

export function RulePickersProvider({
  segments,
  children,
}: {
  segments: RulePickers['segments'];
  children: ReactNode;
}) {
  // A picker that fails to load leaves its list empty: the condition still shows the stored id.
  const pipelines = useRequest((signal) => profilesApi.pipelines(signal).catch(() => ({ items: [] })), []);
  const fields = useRequest((signal) => customFieldsApi.list(signal).catch(() => ({ items: [] })), []);
  const settings = useRequest((signal) => profileSettingsApi.get(signal).catch(() => null), []);
  const names = useRequest((signal) => segmentsApi.ruleOptions(signal).catch(() => NO_NAMES), []);
  const value = useMemo<RulePickers>(
    () => ({
      segments,
      pipelines: pipelines.data?.items ?? [],
      customFields: fields.data?.items ?? [],
      levels: settings.data?.levels ?? [],
      names: names.data ?? NO_NAMES,
    }),
    [segments, pipelines.data, fields.data, settings.data, names.data],
  );
  return <RulePickersContext.Provider value={value}>{children}</RulePickersContext.Provider>;
}
