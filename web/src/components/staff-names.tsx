// Staff are shown by name and department, never by WeCom userid: one look-up of the corp's staff (the rule options'
// list, which carries department names) shared by every drawer, table and picker of a page, kept for a minute.
import { Select, Tag, Typography, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { segmentsApi } from '../api/segments';
import { useT } from '../i18n/use-t';

export type StaffInfo = { name: string; department: string };
export type StaffNames = Map<string, StaffInfo>;

const KEEP_MS = 60_000;
let cached: { at: number; names: Promise<StaffNames> } | null = null;

function loadStaffNames(): Promise<StaffNames> {
  if (!cached || Date.now() - cached.at > KEEP_MS) {
    const names = segmentsApi
      .ruleOptions()
      .then((o) => new Map(o.staff.map((s) => [s.userid, { name: s.name, department: s.department }])))
      .catch(() => {
        cached = null; // a failed look-up is tried again by the next component that asks
        return new Map<string, StaffInfo>();
      });
    cached = { at: Date.now(), names };
  }
  return cached.names;
}

/** The corp's staff by userid; undefined until loaded. */
export function useStaffNames(): StaffNames | undefined {
  const [names, setNames] = useState<StaffNames>();
  useEffect(() => {
    let live = true;
    void loadStaffNames().then((n) => live && setNames(n));
    return () => {
      live = false;
    };
  }, []);
  return names;
}

/**
 * "name · department"; for a userid the corp's list does not hold, the name the caller knows, else the unknown-staff
 * words (never the id).
 */
export function useStaffLabel(): (userid: string, knownName?: string) => string {
  const t = useT();
  const names = useStaffNames();
  return (userid, knownName) => {
    const s = names?.get(userid);
    if (!s) return knownName || (names ? t('staff.unknown') : '…');
    return s.department ? `${s.name} · ${s.department}` : s.name;
  };
}

/** Staff members as tags: name, and department in grey. */
export function StaffTags({ userids }: { userids: readonly string[] }) {
  const t = useT();
  const names = useStaffNames();
  return (
    <>
      {userids.map((u) => {
        const s = names?.get(u);
        return (
          <Tag key={u} data-testid="staff-tag">
            {s ? s.name : names ? t('staff.unknown') : '…'}
            {s?.department && <Typography.Text type="secondary">{` · ${s.department}`}</Typography.Text>}
          </Tag>
        );
      })}
    </>
  );
}

/** A select of staff members shown by name and department, storing userids. */
export function StaffSelect(props: Omit<SelectProps<string[]>, 'options'> & { onlyUserids?: readonly string[] }) {
  const names = useStaffNames();
  const { onlyUserids, ...rest } = props;
  const options = [...(names ?? new Map<string, StaffInfo>()).entries()]
    .filter(([u]) => !onlyUserids || onlyUserids.includes(u))
    .map(([value, s]) => ({ value, label: s.department ? `${s.name} · ${s.department}` : s.name }));
  return <Select mode="multiple" optionFilterProp="label" loading={!names} {...rest} options={options} />;
}
