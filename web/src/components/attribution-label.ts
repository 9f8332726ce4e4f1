// A follow's source in words: "渠道活码：商场海报", "裂变：春季拉新", "其他来源（xyz）" — never a bare ch_… state.
import type { Attribution } from '@siyu/contracts';
import type { Translate } from '../i18n/messages';

export function attributionLabel(t: Translate, a: Attribution | null | undefined): string {
  if (!a) return t('attribution.none');
  if (a.kind === 'other' || a.name === null) return t('attribution.other', { state: a.state });
  if (a.kind === 'fission') return t('attribution.fission', { name: a.name });
  if (a.kind === 'group_code') return t('attribution.groupCode', { name: a.name });
  return t('attribution.channel', { name: a.name });
}

/** The dashboard's adds-by-source row: the source's name, or the other-source words for a foreign state. */
export function sourceRowLabel(t: Translate, row: { channel: string; kind?: Attribution['kind'] | 'none' }): string {
  if (row.kind === 'none' || (!row.kind && !row.channel)) return t('attribution.none');
  if (row.kind === 'other') return t('attribution.other', { state: row.channel });
  return row.channel;
}
