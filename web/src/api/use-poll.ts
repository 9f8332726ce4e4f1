import { useEffect, useState } from 'react';

/**
 * Reads `load(id)` every `everyMs` until `ended` says the thing is finished; null while there is no id or no answer
 * yet. `load` and `ended` must be stable (module-level) functions.
 */
export function usePoll<T>(id: string | null, load: (id: string) => Promise<T>, ended: (value: T) => boolean, everyMs: number): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    setValue(null);
    if (!id) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const v = await load(id);
        if (stopped) return;
        setValue(v);
        if (ended(v)) return;
      } catch {
        // transient: try again
      }
      if (!stopped) timer = setTimeout(() => void poll(), everyMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, load, ended, everyMs]);
  return value;
}
