// The audit port: the one way other modules append to the audit log (audit_log is written only through it), and
// the module (GET /api/audit) for app.ts.
export { writeAudit } from './audit.repo';
export { createAuditModule } from './audit.module';
