import { createElement, useMemo } from 'react';
import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useCan } from '../auth/use-can';
import { useT } from '../i18n/use-t';
import type { Translate } from '../i18n/messages';
import { MENU_GROUPS, MODULES, findModuleByPath, type ModuleEntry } from './menu-registry';

type MenuItem = Required<MenuProps>['items'][number];

function toItem(entry: ModuleEntry, t: Translate): MenuItem {
  return { key: entry.key, icon: createElement(entry.icon), label: t(entry.labelKey), title: t(entry.labelKey) };
}

function buildItems(visible: ModuleEntry[], collapsed: boolean, t: Translate): MenuItem[] {
  const items: MenuItem[] = visible.filter((e) => !e.group).map((e) => toItem(e, t));
  for (const group of MENU_GROUPS) {
    const entries = visible.filter((e) => e.group === group.key);
    if (entries.length === 0) continue;
    if (collapsed) {
      // group titles do not fit an 80px sider: separate sections with a divider instead
      if (items.length > 0) items.push({ type: 'divider', key: `divider-${group.key}` });
      items.push(...entries.map((e) => toItem(e, t)));
    } else {
      items.push({
        type: 'group',
        key: `group-${group.key}`,
        label: t(group.labelKey),
        children: entries.map((e) => toItem(e, t)),
      });
    }
  }
  return items;
}

export function SideMenu({ modules, collapsed }: { modules: string[]; collapsed: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const can = useCan();
  // A page shows when the server lists its module and the role holds the page's permission.
  const visible = useMemo(
    () => MODULES.filter((entry) => modules.includes(entry.key) && (!entry.permission || can(entry.permission))),
    [modules, can],
  );
  const items = useMemo(() => buildItems(visible, collapsed, t), [visible, collapsed, t]);
  const selected = findModuleByPath(pathname);

  return (
    <Menu
      theme="dark"
      mode="inline"
      data-testid="side-menu"
      items={items}
      selectedKeys={selected ? [selected.key] : []}
      onClick={({ key }) => {
        const entry = visible.find((e) => e.key === key);
        if (entry) navigate(entry.path);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );
}
