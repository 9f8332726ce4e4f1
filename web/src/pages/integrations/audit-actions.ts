// The audit log's actions the console names (zh-CN / en-US texts under audit.action.<action>); an action not listed
// here shows as recorded.
import type { MessageKey } from '../../i18n/messages';

export const AUDIT_ACTIONS = [
  'alerts.settings',
  'api_key.create',
  'api_key.revoke',
  'corp.rename',
  'custom_field.create',
  'custom_field.delete',
  'custom_field.update',
  'customer.bulk_tag',
  'customer.fields',
  'customer.merge',
  'customer.note_add',
  'customer.points',
  'customer.tag',
  'customers.export',
  'events.ingest',
  'events.webhook_rotate',
  'invitation.accept',
  'invitation.create',
  'invitation.decline',
  'invitation.relink',
  'invitation.revoke',
  'levels.update',
  'orders.import',
  'points.rule',
  'points.rule_delete',
  'repurchase_cycle.delete',
  'repurchase_cycle.save',
  'rfm.settings',
  'script.create',
  'script.delete',
  'script.update',
  'script_folder.create',
  'script_folder.delete',
  'sop.create',
  'sop.remove_customer',
  'sop.settings',
  'sop.update',
  'tag.create',
  'user.remove',
  'user.update',
  'wecom.connection.update',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(a: string): a is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(a);
}

export const auditActionKey = (a: AuditAction): MessageKey => `audit.action.${a}`;
