// Named permissions: what each role may do, defined once. The server's routes declare the permission they need and
// the console hides what the signed-in role lacks, both reading this table, so a button never promises what the
// API then refuses. Which rows a role sees (a staff member: the customers they follow) is the server's visible
// scope; a permission says only whether the action is open to the role at all.

export const ROLES = ['admin', 'operator', 'staff', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** `<module>.<action>`; `read` opens a module's pages and lists, `write` changes its configuration. */
export const PERMISSIONS = [
  'customers.read', // customer list, profile, timeline, points, search, custom field definitions
  'customers.write', // a customer's custom field values and notes
  'customers.export', // customer spreadsheet export
  'customers.phone', // full phone numbers; without it a phone shows as 138****0000
  'tags.read',
  'tags.apply', // add or remove tags on one customer
  'tags.write', // the tag library and bulk tagging
  'segments.read', // segments, their members and previews
  'segments.write', // create, change, delete and refresh segments
  'stages.read', // pipelines, funnels, rule runs, a customer's stage history
  'stages.move', // put one customer in a stage
  'stages.write', // pipelines, stages and their rules
  'alerts.read',
  'alerts.handle', // mark an alert done or dismissed
  'profile-settings.read', // alert, RFM, level and points settings, repurchase cycles
  'profile-settings.write', // the same, and custom field definitions
  'settings.read', // the configuration pages in the console (profile settings, corp); no route needs it alone
  'points.adjust', // add or take a customer's points by hand
  'channels.read',
  'channels.write',
  'group-codes.read',
  'group-codes.write',
  'stores.read',
  'stores.write',
  'leads.read', // the lead list (a staff member: the leads assigned to them)
  'leads.report', // import batches, their errors, conversion by staff
  'leads.confirm', // confirm that an assigned lead was added
  'leads.write', // import and distribute leads
  'fission.read',
  'fission.enrol', // enrol a customer in a campaign
  'fission.write', // campaigns and their reward codes
  'broadcasts.read', // mass messages, their tasks, recipients and outcome (a staff member: their own tasks)
  'broadcasts.write', // create, remind, cancel mass messages; the cap period and opt-outs
  'materials.read', // the material library (素材库) and its picker
  'materials.write', // upload, change and delete materials and folders
  'moments.read', // moments (朋友圈) tasks, their publish status and interactions
  'moments.write', // compose, send and cancel moments
  'script.read', // the script library (话术库): folders, scripts and their use counts
  'script.write', // create, change and delete scripts and script folders
  'sop.read', // SOP flows, their stats and customers, group SOP plans, a staff member's SOP tasks
  'sop.write', // create, edit, activate, pause and archive flows and group SOP plans; the contact budget
  'sop.tasks', // mark one's own SOP tasks done or dismissed
  'orders.import',
  'staff.read',
  'wecom.read', // WeCom sync runs
  'wecom.admin', // WeCom connection, sync and reconcile
  'corp.admin', // the corp's name
  'users.admin', // users, roles and invitations
  'integrations.admin', // API keys and the events webhook
  'jobs.admin', // the job queue
  'audit.read', // the audit log: who did what, when
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  'customers.read',
  'tags.read',
  'segments.read',
  'stages.read',
  'alerts.read',
  'profile-settings.read',
  'leads.read',
  'broadcasts.read',
  'script.read',
  'materials.read',
  'moments.read',
  'sop.read',
];
const MANAGER_READ: Permission[] = ['settings.read', 'channels.read', 'group-codes.read', 'stores.read', 'leads.report', 'fission.read', 'staff.read'];
const OWN_WORK: Permission[] = [
  'customers.write',
  'customers.export',
  'customers.phone',
  'tags.apply',
  'stages.move',
  'alerts.handle',
  'leads.confirm',
  'fission.enrol',
  'sop.tasks',
];
const OPERATE: Permission[] = [
  'tags.write',
  'segments.write',
  'stages.write',
  'profile-settings.write',
  'points.adjust',
  'channels.write',
  'group-codes.write',
  'stores.write',
  'leads.write',
  'fission.write',
  'broadcasts.write',
  'script.write',
  'materials.write',
  'moments.write',
  'sop.write',
  'orders.import',
  'wecom.read',
];
const ADMINISTER: Permission[] = ['wecom.admin', 'corp.admin', 'users.admin', 'integrations.admin', 'jobs.admin', 'audit.read'];

/**
 * The role → permissions table. An operator runs the corp's customer operations, an admin also administers the
 * corp, a staff member works their own customers, an analyst reads everything an operator reads and changes nothing.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...READ, ...MANAGER_READ, ...OWN_WORK, ...OPERATE, ...ADMINISTER],
  operator: [...READ, ...MANAGER_READ, ...OWN_WORK, ...OPERATE],
  staff: [...READ, ...OWN_WORK],
  analyst: [...READ, ...MANAGER_READ],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The roles holding a permission, in ROLES order. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => can(role, permission));
}
