import { useEffect, useState } from 'react';
import { profilesApi, type StageRuleRun } from '../../api/profiles';

export const runEnded = (run: StageRuleRun | null) => !!run && (run.status === 'done' || run.status === 'failed');

/** Polls a stage rule run every half second until it ends. */
export function useStageRuleRun(id: string | null): StageRuleRun | null {
  const [run, setRun] = useState<StageRuleRun | null>(null);
  useEffect(() => {
    setRun(null);
    if (!id) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const r = await profilesApi.ruleRun(id);
        if (stopped) return;
        setRun(r);
        if (runEnded(r)) return;
      } catch {
        // transient: try again
      }
      if (!stopped) timer = setTimeout(() => void poll(), 500);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  return run;
}
