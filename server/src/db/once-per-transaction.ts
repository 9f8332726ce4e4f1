// A read made at most once per transaction: the definitions the event spine's reactions and `derive` rounds consult
// over and over while one transaction settles (stage rules, the SOP flows an event concerns). They are read when the
// spine first needs them, at the end of the transaction, and nothing the spine does changes them afterwards; a
// transaction that changes them does so before the spine runs. The memo goes with the transaction object.
import type { Tx } from './tenancy';

export function oncePerTransaction<T>(load: (tx: Tx, corpId: string) => Promise<T>): (tx: Tx, corpId: string) => Promise<T> {
  const memo = new WeakMap<Tx, Promise<T>>();
  return (tx, corpId) => {
    let p = memo.get(tx);
    if (!p) {
      p = load(tx, corpId);
      memo.set(tx, p);
    }
    return p;
  };
}
