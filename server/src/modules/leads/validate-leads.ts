// Per-row checks that need no database: phone format, field lengths, duplicates inside the file. One row at a time,
// so rows are checked as they are read.
import type { LeadErrorReason } from '../../db/schema-leads-fission';
import type { RawLead } from './parse-lead-file';
import { normalizePhone } from './phone';

export type LeadRowError = { rowNo: number; phone: string; name: string; reason: LeadErrorReason };

const LIMITS = { name: 64, source: 64, notes: 500 };

/** A checker that remembers the phones it has seen: each call returns the row with its normalised phone, or why not. */
export function leadRowChecker(): (r: RawLead) => { good: RawLead } | { error: LeadRowError } {
  const seen = new Set<string>();
  return (r) => {
    const phone = normalizePhone(r.phone);
    const fail = (reason: LeadErrorReason) => ({
      error: { rowNo: r.rowNo, phone: r.phone.slice(0, 32), name: r.name.slice(0, 64), reason },
    });
    if (!phone) return fail('bad_phone');
    if (r.name.length > LIMITS.name || r.source.length > LIMITS.source || r.notes.length > LIMITS.notes)
      return fail('too_long');
    if (seen.has(phone)) return fail('duplicate_in_file');
    seen.add(phone);
    return { good: { ...r, phone } };
  };
}

export function validateLeads(rows: readonly RawLead[]): { good: RawLead[]; errors: LeadRowError[] } {
  const check = leadRowChecker();
  const good: RawLead[] = [];
  const errors: LeadRowError[] = [];
  for (const r of rows) {
    const res = check(r);
    if ('good' in res) good.push(res.good);
    else errors.push(res.error);
  }
  return { good, errors };
}
