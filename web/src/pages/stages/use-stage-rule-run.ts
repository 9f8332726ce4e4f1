import { profilesApi, type StageRuleRun } from '../../api/profiles';
import { usePoll } from '../../api/use-poll';

export const runEnded = (run: StageRuleRun | null) => !!run && (run.status === 'done' || run.status === 'failed');
const load = (id: string) => profilesApi.ruleRun(id);

/** Polls a stage rule run every half second until it ends. */
export const useStageRuleRun = (id: string | null): StageRuleRun | null => usePoll(id, load, runEnded, 500);
