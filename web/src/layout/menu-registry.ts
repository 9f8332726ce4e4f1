import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  CrownOutlined,
  ApiOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClusterOutlined,
  CommentOutlined,
  CameraOutlined,
  DashboardOutlined,
  FolderOpenOutlined,
  MessageOutlined,
  FunnelPlotOutlined,
  IdcardOutlined,
  LinkOutlined,
  PhoneOutlined,
  QrcodeOutlined,
  SendOutlined,
  SettingOutlined,
  ShareAltOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@siyu/contracts';
import type { MessageKey } from '../i18n/messages';

export type MenuGroup = 'customers' | 'acquisition' | 'engagement' | 'insight' | 'admin';

export interface ModuleEntry {
  /** Module key as listed by the server in `GET /api/auth/me` → `modules`. */
  key: string;
  path: string;
  icon: ComponentType;
  labelKey: MessageKey;
  /** Sider section; omitted = top level. */
  group?: MenuGroup;
  /** The module's page; omitted = "coming soon" placeholder. */
  page?: LazyExoticComponent<ComponentType>;
  /** The permission a role needs to see the page in the menu; omitted = every signed-in role. */
  permission?: Permission;
}

const DashboardPage = lazy(() =>
  import('../pages/dashboard/dashboard.page').then((m) => ({ default: m.DashboardPage })),
);

const CustomersPage = lazy(() =>
  import('../pages/customers/customers.page').then((m) => ({ default: m.CustomersPage })),
);
const StaffPage = lazy(() => import('../pages/staff/staff.page').then((m) => ({ default: m.StaffPage })));
const CorpPage = lazy(() => import('../pages/corp/corp.page').then((m) => ({ default: m.CorpPage })));
const TagsPage = lazy(() => import('../pages/tags/tags.page').then((m) => ({ default: m.TagsPage })));
const StagesPage = lazy(() => import('../pages/stages/stages.page').then((m) => ({ default: m.StagesPage })));
const SettingsPage = lazy(() => import('../pages/settings/settings.page').then((m) => ({ default: m.SettingsPage })));
const SegmentsPage = lazy(() => import('../pages/segments/segments.page').then((m) => ({ default: m.SegmentsPage })));
const ChannelsPage = lazy(() => import('../pages/channels/channels.page').then((m) => ({ default: m.ChannelsPage })));
const LeadsPage = lazy(() => import('../pages/leads/leads.page').then((m) => ({ default: m.LeadsPage })));
const BroadcastsPage = lazy(() => import('../pages/broadcasts/broadcasts.page').then((m) => ({ default: m.BroadcastsPage })));
const FissionPage = lazy(() => import('../pages/fission/fission.page').then((m) => ({ default: m.FissionPage })));
const MaterialsPage = lazy(() => import('../pages/materials/materials.page').then((m) => ({ default: m.MaterialsPage })));
const IntegrationsPage = lazy(() => import('../pages/integrations/integrations.page').then((m) => ({ default: m.IntegrationsPage })));
const ScriptsPage = lazy(() => import('../pages/scripts/scripts.page').then((m) => ({ default: m.ScriptsPage })));
const MomentsPage = lazy(() => import('../pages/moments/moments.page').then((m) => ({ default: m.MomentsPage })));
const SopPage = lazy(() => import('../pages/sop/sop.page').then((m) => ({ default: m.SopPage })));
const GroupSopPage = lazy(() => import('../pages/group-sop/group-sop.page').then((m) => ({ default: m.GroupSopPage })));
const AlertsPage = lazy(() => import('../pages/alerts/alerts.page').then((m) => ({ default: m.AlertsPage })));
const ProfileSettingsPage = lazy(() =>
  import('../pages/profile-settings/profile-settings.page').then((m) => ({ default: m.ProfileSettingsPage })),
);

export const MENU_GROUPS: { key: MenuGroup; labelKey: MessageKey }[] = [
  { key: 'customers', labelKey: 'menu.group.customers' },
  { key: 'acquisition', labelKey: 'menu.group.acquisition' },
  { key: 'engagement', labelKey: 'menu.group.engagement' },
  { key: 'insight', labelKey: 'menu.group.insight' },
  { key: 'admin', labelKey: 'menu.group.admin' },
];

/**
 * Every console module, in sider order. A module shows in the menu only when the server lists it.
 * To add a module: one line here (with `page: lazy(...)` once its page exists).
 */
export const MODULES: ModuleEntry[] = [
  { key: 'dashboard', path: '/', icon: DashboardOutlined, labelKey: 'menu.dashboard', page: DashboardPage },
  { key: 'customers', path: '/customers', icon: TeamOutlined, labelKey: 'menu.customers', group: 'customers', page: CustomersPage, permission: 'customers.read' },
  { key: 'groups', path: '/groups', icon: CommentOutlined, labelKey: 'menu.groups', group: 'customers' },
  { key: 'tags', path: '/tags', icon: TagsOutlined, labelKey: 'menu.tags', group: 'customers', page: TagsPage, permission: 'tags.read' },
  { key: 'segments', path: '/segments', icon: ClusterOutlined, labelKey: 'menu.segments', group: 'customers', page: SegmentsPage, permission: 'segments.read' },
  { key: 'stages', path: '/stages', icon: FunnelPlotOutlined, labelKey: 'menu.stages', group: 'customers', page: StagesPage, permission: 'stages.read' },
  { key: 'alerts', path: '/alerts', icon: AlertOutlined, labelKey: 'menu.alerts', group: 'customers', page: AlertsPage, permission: 'alerts.read' },
  { key: 'profile-settings', path: '/profile-settings', icon: CrownOutlined, labelKey: 'menu.profileSettings', group: 'customers', page: ProfileSettingsPage, permission: 'settings.read' },
  { key: 'channels', path: '/channels', icon: QrcodeOutlined, labelKey: 'menu.channels', group: 'acquisition', page: ChannelsPage, permission: 'channels.read' },
  { key: 'leads', path: '/leads', icon: PhoneOutlined, labelKey: 'menu.leads', group: 'acquisition', page: LeadsPage, permission: 'leads.read' },
  { key: 'fission', path: '/fission', icon: ShareAltOutlined, labelKey: 'menu.fission', group: 'acquisition', page: FissionPage, permission: 'fission.read' },
  { key: 'broadcasts', path: '/broadcasts', icon: SendOutlined, labelKey: 'menu.broadcasts', group: 'engagement', page: BroadcastsPage, permission: 'broadcasts.read' },
  { key: 'moments', path: '/moments', icon: CameraOutlined, labelKey: 'menu.moments', group: 'engagement', page: MomentsPage, permission: 'moments.read' },
  { key: 'materials', path: '/materials', icon: FolderOpenOutlined, labelKey: 'menu.materials', group: 'engagement', page: MaterialsPage, permission: 'materials.read' },
  { key: 'scripts', path: '/scripts', icon: MessageOutlined, labelKey: 'menu.scripts', group: 'engagement', page: ScriptsPage, permission: 'script.read' },
  { key: 'sop', path: '/sop', icon: ApartmentOutlined, labelKey: 'menu.sop', group: 'engagement', page: SopPage, permission: 'sop.read' },
  { key: 'group-sop', path: '/group-sop', icon: CalendarOutlined, labelKey: 'menu.groupSop', group: 'engagement', page: GroupSopPage, permission: 'sop.read' },
  { key: 'analytics', path: '/analytics', icon: BarChartOutlined, labelKey: 'menu.analytics', group: 'insight', permission: 'settings.read' },
  { key: 'staff', path: '/staff', icon: IdcardOutlined, labelKey: 'menu.staff', group: 'admin', page: StaffPage, permission: 'staff.read' },
  { key: 'corp', path: '/corp', icon: ApiOutlined, labelKey: 'menu.corp', group: 'admin', page: CorpPage, permission: 'settings.read' },
  { key: 'integrations', path: '/integrations', icon: LinkOutlined, labelKey: 'menu.integrations', group: 'admin', page: IntegrationsPage, permission: 'orders.import' },
  { key: 'settings', path: '/settings', icon: SettingOutlined, labelKey: 'menu.settings', group: 'admin', page: SettingsPage },
];

/** The entry whose path is the longest prefix of `pathname` (so /settings/password selects settings). */
export function findModuleByPath(pathname: string): ModuleEntry | undefined {
  let best: ModuleEntry | undefined;
  for (const entry of MODULES) {
    const matches =
      entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best;
}
