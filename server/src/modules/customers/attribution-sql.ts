// A follow's source by its WeCom state, resolved in SQL: the channel code, fission participant (by campaign) or group
// code that made the state, by name, else `other`. Used by the customer list, its export, the profile and the
// dashboard, so each shows "渠道活码：商场海报" rather than ch_3f9a….
import { sql, type RawBuilder } from 'kysely';

/** jsonb `{ kind, name, state }` (an Attribution) for `state` in `corpId`; SQL NULL when state is null or ''. */
export function attributionSql(corpId: RawBuilder<unknown> | string, state: RawBuilder<unknown>): RawBuilder<unknown> {
  const corp = typeof corpId === 'string' ? sql`${corpId}` : corpId;
  return sql`(SELECT jsonb_build_object('kind', coalesce(src.kind, 'other'), 'name', src.name, 'state', ${state})
    FROM (SELECT 1) one LEFT JOIN LATERAL (
      SELECT 'channel' AS kind, cc.name FROM channel_codes cc WHERE cc.corp_id = ${corp} AND cc.state = ${state}
      UNION ALL
      SELECT 'fission', fc.name FROM fission_participants fp
        JOIN fission_campaigns fc ON fc.corp_id = fp.corp_id AND fc.id = fp.campaign_id
       WHERE fp.corp_id = ${corp} AND fp.state = ${state}
      UNION ALL
      SELECT 'group_code', gc.name FROM group_codes gc WHERE gc.corp_id = ${corp} AND gc.state = ${state}
      LIMIT 1) src ON true
    WHERE nullif(${state}, '') IS NOT NULL)`;
}

export type AttributionKind = 'channel' | 'fission' | 'group_code' | 'other';

const LABELS: Record<'zh-CN' | 'en-US', Record<AttributionKind, string>> = {
  'zh-CN': { channel: '渠道活码：{name}', fission: '裂变：{name}', group_code: '群活码：{name}', other: '其他来源（{state}）' },
  'en-US': { channel: 'Channel code: {name}', fission: 'Fission: {name}', group_code: 'Group code: {name}', other: 'Other source ({state})' },
};

/** The label an export writes for one attribution. */
export function attributionLabel(a: { kind: AttributionKind; name: string | null; state: string }, locale: 'zh-CN' | 'en-US'): string {
  const kind = a.name === null ? 'other' : a.kind;
  return LABELS[locale][kind].replace('{name}', a.name ?? '').replace('{state}', a.state);
}
