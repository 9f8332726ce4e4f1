// Phone numbers as a role may see them. Roles holding 'customers.phone' (the permission table in packages/contracts)
// see them whole; to everyone else a number shows its first 3 and last 4 characters around ****, and only when at
// least 4 characters stay hidden (11 or more, a mainland mobile's length): a shorter number shows as **** alone, so
// a 7-digit landline is never given away by its own mask. Empty values stay as they are.
import { can } from '@siyu/contracts';
import type { Viewer } from './visible-scope';

const SHOWN = 3 + 4;

/** 13800001234 → 138****1234; anything under 11 characters → ****. */
export function maskedPhone(phone: string): string {
  return phone.length >= SHOWN + 4 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function maskPhone(phone: string, viewer: Viewer): string;
export function maskPhone(phone: string | null, viewer: Viewer): string | null;
export function maskPhone(phone: unknown, viewer: Viewer): unknown;
export function maskPhone(phone: unknown, viewer: Viewer): unknown {
  if (typeof phone !== 'string' || phone === '' || can(viewer.role, 'customers.phone')) return phone;
  return maskedPhone(phone);
}
