// Password guesses are counted per account (the normalised email) and, separately, per client address, in fixed
// windows. While either budget is spent every attempt is refused, the right password too, so guesses cannot be
// spread over case variants of an email, forged X-Forwarded-For headers (the address is the socket's unless
// TRUST_PROXY says otherwise) or wait for a lucky hit. Sign-in and accepting an invitation share this budget.
// An address gets a few accounts' worth, since an office behind one NAT shares it.
import { DomainError } from '../../http/errors';

export type LoginLimiter = {
  /** Refuses (429 rate_limited) while either budget is spent; otherwise counts the attempt. Call the returned
   *  function when the password was right: a good sign-in does not use up the budget. */
  attempt(account: string, address: string): () => void;
};

type Window = { count: number; resetAt: number };

const SWEEP_ABOVE = 10_000;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const ADDRESS_SHARE = 5;

export function createLoginLimiter(opts: { max: number; windowMs: number; now?: () => number }): LoginLimiter {
  const maxFor = (key: string) => (key.startsWith('address:') ? opts.max * ADDRESS_SHARE : opts.max);
  const now = opts.now ?? Date.now;
  const windows = new Map<string, Window>();

  const live = (key: string): Window | undefined => {
    const w = windows.get(key);
    return w && w.resetAt > now() ? w : undefined;
  };

  const sweep = () => {
    const t = now();
    for (const [key, w] of windows) if (w.resetAt <= t) windows.delete(key);
  };

  return {
    attempt(account, address) {
      const keys = [`account:${normaliseEmail(account)}`, `address:${address}`];
      if (keys.some((k) => (live(k)?.count ?? 0) >= maxFor(k))) throw new DomainError('rate_limited');
      if (windows.size > SWEEP_ABOVE) sweep();
      const counted = keys.map((k) => {
        const w = live(k) ?? { count: 0, resetAt: now() + opts.windowMs };
        w.count++;
        windows.set(k, w);
        return w;
      });
      return () => {
        for (const w of counted) w.count = Math.max(0, w.count - 1);
      };
    },
  };
}
