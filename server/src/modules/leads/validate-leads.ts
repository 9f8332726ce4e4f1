// Per-row checks that need no database: phone format, field lengths, duplicates inside the file.
import type { LeadErrorReason } from '../../db/schema-leads-fission';
import type { RawLead } from './parse-lead-file';
import { normalizePhone } from './phone';

export type LeadRowError = { rowNo: number; phone: string; name: string; reason: LeadErrorReason };

const LIMITS = { name: 64, source: 64, notes: 500 };

export function validateLeads(rows: readonly RawLead[]): { good: RawLead[]; errors: LeadRowError[] } {
  const good: RawLead[] = [];
  const errors: LeadRowError[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const phone = normalizePhone(r.phone);
    const fail = (reason: LeadErrorReason) =>
      errors.push({ rowNo: r.rowNo, phone: r.phone.slice(0, 32), name: r.name.slice(0, 64), reason });
    if (!phone) fail('bad_phone');
    else if (r.name.length > LIMITS.name || r.source.length > LIMITS.source || r.notes.length > LIMITS.notes)
      fail('too_long');
    else if (seen.has(phone)) fail('duplicate_in_file');
    else {
      seen.add(phone);
      good.push({ ...r, phone });
    }
  }
  return { good, errors };
}
