// Whether a customer is held out of a flow: a stable draw from (flow, customer), so the same customer is always on
// the same side, and about `percent` % of customers are held out.
import { createHash } from 'node:crypto';

export function heldOut(flowId: string, customerId: string, percent: number): boolean {
  if (percent <= 0) return false;
  const n = createHash('sha1').update(`${flowId}:${customerId}`).digest().readUInt32BE(0) % 10_000;
  return n < percent * 100;
}
