// Test files run longest first, so that the two workers of a lane finish together instead of one worker starting a
// two-minute file when the other is done. CI runs from a fresh clone without vitest's duration cache, where the
// default order is by file size, which put the fuzzer and the live-reconcile walk near the end. The list names the
// files CI's lane logs show as the longest; the rest keep vitest's order (cached durations when there are any).
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONGEST_FIRST = [
  'server/test/security/fuzz.test.ts',
  'server/test/wecom/live-reconcile.test.ts',
  'server/test/security/walls.test.ts',
  'server/test/broadcasts/broadcasts.e2e.test.ts',
  'server/test/channels/channel-codes.test.ts',
  'server/test/tags/half-written-changes.test.ts',
  'server/test/wecom/sigkill.test.ts',
  'server/test/channels/group-codes.test.ts',
  'server/test/stages/foreign-references.test.ts',
  'server/test/wecom/crash-safety.test.ts',
  'server/test/sop/sop-sigkill.test.ts',
  'server/test/platform/two-servers.test.ts',
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return [...(await super.sort(files))].sort((a, b) => rank(a) - rank(b));
  }
}
