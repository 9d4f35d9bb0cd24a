// Global setup: builds the package to dist/ once, before any test file runs, so the tests that run
// what users run (the `seedance` bin, the package imported by name) see the source as it is now.
// The build is incremental (tsconfig.build.json keeps its state in dist/), so when `npm install`
// or an earlier run already built this source it costs about a second.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export default function setup(): void {
  execFileSync(process.execPath, [resolve(ROOT, 'node_modules/typescript/bin/tsc'), '-p', resolve(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
