import { useEffect, useState } from 'react';
import { bulkTagApi, type TagJob } from '../../api/bulk-tag';

const ENDED: TagJob['status'][] = ['done', 'partial', 'failed'];

export const jobEnded = (job: TagJob | null) => !!job && ENDED.includes(job.status);

/** Polls a bulk-tag job every second until it ends. */
export function useTagJob(id: string | null): TagJob | null {
  const [job, setJob] = useState<TagJob | null>(null);
  useEffect(() => {
    setJob(null);
    if (!id) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const j = await bulkTagApi.job(id);
        if (stopped) return;
        setJob(j);
        if (jobEnded(j)) return;
      } catch {
        // transient: try again
      }
      if (!stopped) timer = setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  return job;
}
