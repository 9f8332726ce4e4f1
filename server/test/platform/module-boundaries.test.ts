// The lint rule that keeps modules behind their ports: a deep import into another module fails `npm run lint`,
// the port does not, and the tree as it is has no such import.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RULE = 'siyu/module-boundaries';
const eslint = new ESLint({ cwd: ROOT });

/** The boundary findings for `source` placed at `filePath` (relative to the repository), under the real config. */
async function findings(source: string, filePath = 'server/src/modules/alpha/x.ts') {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('module boundaries lint rule', () => {
  it("fails an import of another module's repo, service or any file inside it", async () => {
    expect(await findings("import { y } from '../beta/beta.repo';\nexport const z = y;\n")).toEqual([
      "'../beta/beta.repo' reaches into module 'beta': import its port '../beta' instead.",
    ]);
    expect(await findings("import type { Y } from '../beta/beta.service';\nexport type Z = Y;\n")).toHaveLength(1);
    expect(await findings("export { y } from '../beta/apply-beta';\n")).toHaveLength(1);
    expect(await findings("import { y } from '../../modules/beta/beta.repo';\nexport const z = y;\n")).toHaveLength(1);
    expect(await findings("export const load = () => import('../beta/beta.repo');\n")).toHaveLength(1);
  });

  it('lets a module import another through its port, and its own files freely', async () => {
    expect(await findings("import { y } from '../beta';\nexport const z = y;\n")).toEqual([]);
    expect(await findings("import { y } from '../beta/index';\nexport const z = y;\n")).toEqual([]);
    expect(await findings("import { y } from './alpha.repo';\nexport const z = y;\n")).toEqual([]);
    expect(await findings("import { y } from '../../platform/events';\nexport const z = y;\n")).toEqual([]);
  });

  it('judges a nested folder inside a module by where the import really points', async () => {
    const nested = 'server/src/modules/alpha/test/x.test.ts';
    expect(await findings("import { y } from '../alpha.repo';\nexport const z = y;\n", nested)).toEqual([]);
    expect(await findings("import { y } from '../../beta/beta.repo';\nexport const z = y;\n", nested)).toHaveLength(1);
    expect(await findings("import { y } from '../../beta';\nexport const z = y;\n", nested)).toEqual([]);
  });

  it('holds the rest of server/src to the ports too', async () => {
    expect(await findings("import { y } from './modules/beta/beta.repo';\nexport const z = y;\n", 'server/src/app.ts')).toHaveLength(1);
    expect(await findings("import { y } from '../../modules/beta/x';\nexport const z = y;\n", 'server/src/platform/events/x.ts')).toHaveLength(1);
    expect(await findings("import { y } from './modules/beta';\nexport const z = y;\n", 'server/src/app.ts')).toEqual([]);
    // The error registry reads each module's table; a module may not.
    expect(await findings("import { b } from '../modules/beta/beta.errors';\nexport const z = b;\n", 'server/src/http/errors.ts')).toEqual([]);
    expect(await findings("import { b } from '../beta/beta.errors';\nexport const z = b;\n")).toHaveLength(1);
  });

  it('finds no deep import into a module in the tree', async () => {
    const results = await eslint.lintFiles(['server/src/**/*.ts']);
    const deep = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(deep).toEqual([]);
  }, 180_000);
});
