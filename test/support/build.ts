// Global setup: brings dist/ up to date with the source before any test file runs, so the tests
// that run what users run (the `seedance` bin, the package imported by name) see the source as it
// is now. `tsc --build` on the composite project (tsconfig.build.json, its state in dist/) finds
// an unchanged source up to date in a fraction of a second, which is the usual case: `npm install`
// (prepare) or `npm test`'s first step already built it. Then the outputs of deleted sources are
// removed (scripts/prune-dist.mjs), so the package the consumer test packs is what a fresh build is,
// and the CommonJS build is written beside the ESM one (scripts/build-cjs.mjs, esbuild, well under
// a second).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildCommonJs } from '../../scripts/build-cjs.mjs';
import { pruneDist } from '../../scripts/prune-dist.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

export default async function setup(): Promise<void> {
  execFileSync(process.execPath, [resolve(ROOT, 'node_modules/typescript/bin/tsc'), '--build', resolve(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const removed = pruneDist();
  if (removed.length > 0) console.log(`dist/: removed ${removed.length} outputs whose sources are gone: ${removed.join(', ')}`);
  await buildCommonJs(ROOT);
}
