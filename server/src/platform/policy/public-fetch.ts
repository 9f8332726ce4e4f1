// An HTTP request to an address an operator or a customer chose (an SOP webhook, an avatar URL), which must not reach
// this machine or its private network. The address is checked where the connection is made: the name is resolved
// once, by the socket's own lookup, and a private answer fails the connection. A check before the request and a
// second resolution when connecting (DNS rebinding) would let a name answer public first and private then.
import dns from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { Agent, fetch, type RequestInit, type Response } from 'undici';
import { isPrivateAddress, privateUrlProblem } from './outbound-address';

export type Resolve = (hostname: string, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, callback) => dns.lookup(hostname, { all: true }, callback);

/** Thrown (as the fetch error's cause) when the address is in a private network. */
export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATE';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function publicLookup(resolve: Resolve) {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) =>
    resolve(hostname, (err, addresses) => {
      if (err) return callback(err, '');
      if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
        return callback(new PrivateAddressError(`${hostname} resolves to a private network address`), '');
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
}

const agents = new Map<Resolve, Agent>();
function agentFor(resolve: Resolve): Agent {
  let agent = agents.get(resolve);
  if (!agent) agents.set(resolve, (agent = new Agent({ connect: { lookup: publicLookup(resolve) } })));
  return agent;
}

/** True when a fetch failed because its address is private (as written or as resolved). */
export function isPrivateAddressFailure(err: unknown): boolean {
  return err instanceof PrivateAddressError || (err instanceof Error && err.cause instanceof PrivateAddressError);
}

/**
 * fetch() that refuses private addresses unless `allowPrivate` (a deployment's intranet receivers, the demo's sandbox).
 * Rejects with a PrivateAddressError (directly, or as the cause of undici's "fetch failed").
 */
export async function publicFetch(url: string, init: RequestInit = {}, opts: { allowPrivate?: boolean; resolve?: Resolve } = {}): Promise<Response> {
  if (opts.allowPrivate) return fetch(url, init);
  const problem = privateUrlProblem(url);
  if (problem) throw new PrivateAddressError(`the address ${problem}`);
  return fetch(url, { ...init, dispatcher: agentFor(opts.resolve ?? systemResolve) });
}
