// The audit port: the one way other modules append to the audit log (audit_log is written only through it).
export { writeAudit } from './audit.repo';
