import type { MessageKey, Translate } from '../../i18n/messages';

/** WeCom `follow_user.add_way` values (外部联系人的添加方式). */
const ADD_WAY_KEYS: Record<number, MessageKey> = {
  0: 'customer.addWay.0',
  1: 'customer.addWay.1',
  2: 'customer.addWay.2',
  3: 'customer.addWay.3',
  4: 'customer.addWay.4',
  5: 'customer.addWay.5',
  6: 'customer.addWay.6',
  7: 'customer.addWay.7',
  8: 'customer.addWay.8',
  9: 'customer.addWay.9',
  10: 'customer.addWay.10',
  11: 'customer.addWay.11',
  12: 'customer.addWay.12',
  13: 'customer.addWay.13',
  14: 'customer.addWay.14',
  15: 'customer.addWay.15',
  16: 'customer.addWay.16',
  17: 'customer.addWay.17',
  18: 'customer.addWay.18',
  21: 'customer.addWay.21',
  22: 'customer.addWay.22',
  24: 'customer.addWay.24',
  201: 'customer.addWay.201',
  202: 'customer.addWay.202',
};

const GENDER_KEYS: Record<number, MessageKey> = {
  0: 'customer.gender.0',
  1: 'customer.gender.1',
  2: 'customer.gender.2',
};

const TYPE_KEYS: Record<number, MessageKey> = {
  1: 'customer.type.1',
  2: 'customer.type.2',
};

export function addWayLabel(t: Translate, addWay: number | null | undefined): string {
  if (addWay === null || addWay === undefined) return '-';
  const key = ADD_WAY_KEYS[addWay];
  return key ? t(key) : t('customer.addWay.other', { n: addWay });
}

export function genderLabel(t: Translate, gender: number | null | undefined): string {
  return t(GENDER_KEYS[gender ?? 0] ?? 'customer.gender.0');
}

export function customerTypeLabel(t: Translate, type: number | null | undefined): string {
  if (type === null || type === undefined) return '-';
  return TYPE_KEYS[type] ? t(TYPE_KEYS[type]) : String(type);
}
