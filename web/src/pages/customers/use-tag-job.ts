import { bulkTagApi, type TagJob } from '../../api/bulk-tag';
import { usePoll } from '../../api/use-poll';

const ENDED: TagJob['status'][] = ['done', 'partial', 'failed'];

export const jobEnded = (job: TagJob | null) => !!job && ENDED.includes(job.status);
const load = (id: string) => bulkTagApi.job(id);

/** Polls a bulk-tag job every second until it ends. */
export const useTagJob = (id: string | null): TagJob | null => usePoll(id, load, jobEnded, 1000);
