// The engines check `npm run lint` runs (scripts/check-engines.ts): the real lockfile passes on the oldest Node 20
// Siyu supports, and a lockfile with a package that declares Node >= 22 fails it (the cookie@2 case).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { enginesExcluding, oldestSupportedNode, type Lockfile } from '../../../scripts/check-engines';

const root = path.resolve(import.meta.dirname, '../../..');

describe('dependencies install on Node 20', () => {
  it('the lockfile has no package whose engines.node excludes the oldest supported Node 20', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lockfile;
    const node = oldestSupportedNode(lock);
    expect(node.startsWith('20.')).toBe(true);
    expect(enginesExcluding(lock, node)).toEqual([]);
  });

  it('a package that declares Node >= 22 fails the check, with its name, and the script exits non-zero', () => {
    const lock: Lockfile = {
      packages: {
        '': { engines: { node: '>=20.19' } },
        'node_modules/cookie': { version: '2.0.2', engines: { node: '>=22' } },
        'node_modules/vite': { version: '8.3.8', engines: { node: '^20.19.0 || >=22.12.0' } },
        'node_modules/old': { version: '1.0.0', engines: ['node >= 0.4'] },
        'node_modules/too-new-20': { version: '1.0.0', engines: { node: '^20.20.0 || >=22' } },
      },
    };
    expect(enginesExcluding(lock, oldestSupportedNode(lock)).map((v) => v.path)).toEqual([
      'node_modules/cookie',
      'node_modules/too-new-20',
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-engines-'));
    try {
      fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock));
      let status = 0;
      let stderr = '';
      try {
        execFileSync(process.execPath, ['--import', 'tsx', 'scripts/check-engines.ts', path.join(dir, 'package-lock.json')], {
          cwd: root,
          stdio: 'pipe',
        });
      } catch (err) {
        const e = err as { status: number; stderr: Buffer };
        status = e.status;
        stderr = e.stderr.toString();
      }
      expect(status).toBe(1);
      expect(stderr).toContain('node_modules/cookie@2.0.2 declares engines.node ">=22"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
