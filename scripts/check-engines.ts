// Siyu supports Node 20 (DESIGN.md: no dependency that declares engines.node >= 22). `npm run lint` runs this check:
// it fails when any package in package-lock.json declares an engines.node range that the oldest Node 20 Siyu
// supports (the minimum of the root package's own engines.node) does not satisfy.
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

type LockPackage = { version?: string; engines?: { node?: string } | string[] };
export type Lockfile = { packages: Record<string, LockPackage> };
export type EnginesViolation = { path: string; version: string; range: string };

/** The oldest Node version the root package declares (`>=20.19` → 20.19.0). */
export function oldestSupportedNode(lock: Lockfile): string {
  const root = lock.packages[''];
  const range = root && !Array.isArray(root.engines) ? root.engines?.node : undefined;
  if (!range) throw new Error('the root package declares no engines.node');
  const min = semver.minVersion(range);
  if (!min) throw new Error(`the root engines.node range "${range}" has no minimum`);
  return min.version;
}

/** Every installed package whose engines.node range excludes `node`. */
export function enginesExcluding(lock: Lockfile, node: string): EnginesViolation[] {
  const out: EnginesViolation[] = [];
  for (const [p, pkg] of Object.entries(lock.packages)) {
    if (p === '' || Array.isArray(pkg.engines)) continue; // old array form: advisory, no node range
    const range = pkg.engines?.node;
    if (!range) continue;
    if (!semver.satisfies(node, range, { includePrerelease: true }))
      out.push({ path: p, version: pkg.version ?? '?', range });
  }
  return out;
}

function main(): void {
  const file = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'package-lock.json'));
  const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as Lockfile;
  const node = oldestSupportedNode(lock);
  const bad = enginesExcluding(lock, node);
  if (bad.length === 0) {
    console.log(`engines: every package in ${path.basename(file)} installs on Node ${node}`);
    return;
  }
  console.error(`engines: ${bad.length} package(s) in ${path.basename(file)} exclude Node ${node}:`);
  for (const b of bad) console.error(`  ${b.path}@${b.version} declares engines.node "${b.range}"`);
  console.error('pin a version that supports Node 20 (root package.json "overrides" for a transitive one)');
  process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
