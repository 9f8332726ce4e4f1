// Long jobs on PGlite share the event loop with every request: PGlite runs each statement on it. A pacer gives the
// loop back after each step for as long as the step took (or a share of it), so a request waits at most one step
// instead of the whole job; on PostgreSQL the statements run elsewhere and a turn of the loop is enough.
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/** Call after each step of a long job: rests `rest` × the time worked since the last call (0: one turn only). */
export function pacer(rest: number): () => Promise<void> {
  let since = performance.now();
  return async () => {
    const worked = performance.now() - since;
    if (rest > 0) await sleep(Math.min(worked * rest, 250));
    else await nextTurn();
    since = performance.now();
  };
}
