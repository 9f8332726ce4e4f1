// Runs one of the guide's actions: a refusal becomes a banner in the user's language, success a toast.
import { useCallback, useState } from 'react';
import { useNotices } from './notices';

export function useAction() {
  const { banner, toast } = useNotices();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T,>(fn: () => Promise<T>, ok?: string): Promise<T | undefined> => {
      setBusy(true);
      try {
        const r = await fn();
        if (ok) toast(ok);
        return r;
      } catch (e) {
        banner(e instanceof Error ? e.message : String(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [banner, toast],
  );
  return { run, busy };
}
