// The browser lane's order: files on the demo server and files with servers of their own alternate (each kind in
// vitest's order), so that the lane's two workers mostly run one of each and seldom wait for the demo server's turn
// (demo-turns.setup.ts).
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { usesDemoServer } from './demo-files';

export class InterleavedSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const onDemo = new Set(sorted.filter((f) => usesDemoServer(f.moduleId)));
    const demo = [...onDemo];
    const own = sorted.filter((f) => !onDemo.has(f));
    const out: TestSpecification[] = [];
    for (let i = 0; i < Math.max(demo.length, own.length); i++) {
      if (demo[i]) out.push(demo[i]);
      if (own[i]) out.push(own[i]);
    }
    return out;
  }
}
