// Whether a stage's entry rule refers to that same stage, in its own leaves or in the rules of the segments it
// reaches: such a rule could only admit customers already in the stage, so saving it is refused (stage_rule_cycle).
import { walkLeaves, type Rule } from '../segments';

export function refersToStage(rule: Rule, segments: Map<string, Rule>, stageId: string): boolean {
  let found = false;
  const check = (r: Rule) =>
    walkLeaves(r, (leaf) => {
      if (leaf.kind === 'stage' && leaf.stageIds.includes(stageId)) found = true;
    });
  check(rule);
  for (const r of segments.values()) check(r);
  return found;
}
