// Where Siyu may send an operator's webhook. An address on this machine or its private network (loopback, RFC 1918,
// link-local with the cloud metadata service, carrier-grade NAT, IPv6 unique-local) would let whoever edits a flow make
// the server call internal services, so those are refused unless the deployment allows them (SIYU_WEBHOOK_PRIVATE,
// for intranet receivers and tests). Checked when a flow is saved (the address as written) and again when each call
// connects (what the name resolves to then: public-fetch.ts).
import { isIP } from 'node:net';

function v4Private(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return (
    a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)) || a >= 224
  );
}

/** True for an address that is not on the public internet. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) return v4Private(ip);
  const v6 = ip.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped) return v4Private(mapped[1]);
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('ff');
}

/** What is wrong with the address as written (a private literal or a local name), or null. */
export function privateUrlProblem(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return 'is not a URL';
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return 'names this machine or its private network';
  if (isIP(host) && isPrivateAddress(host)) return 'is a private network address';
  return null;
}
