/**
 * A background tick every `everyMs` (0: never) that does not keep the process alive. start() while running and
 * stop() while stopped do nothing.
 */
export function createTicker(everyMs: number, tick: () => Promise<unknown>): { start(): void; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  return {
    start() {
      if (everyMs <= 0 || timer) return;
      timer = setInterval(() => void tick(), everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
