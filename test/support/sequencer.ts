// The order test files start in. `npm test` is as long as its longest chain, so the files that take
// longest start first, each on its own worker, and the many short files fill the gaps beside them.
// Vitest orders by the durations it recorded in an earlier run, but a fresh clone (CI) has none and
// falls back to file size, which put the CPU-bound differential test last, alone at the end. So the
// files below, slow by design (a browser, npm pack and install, child processes that wait on timers),
// go first in this order; every other file keeps Vitest's order.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest first, as measured on the 2-core machine (vitest's per-file durations in a whole run, 26 Nov 2026). */
export const SLOW_FILES = [
  'test/docs/docs.test.ts', // Chromium renders each page and waits for Redoc to settle (~30 s)
  'test/docs/samples.test.ts', // runs every curl sample against `seedance start`, one tsc --strict over the TypeScript samples (~25 s)
  'test/package/consumer.test.ts', // npm pack, npm ci into a temp project, tsc, Node 20 and Node 24 (~28 s)
  'test/hostile/parsed-size-flood.test.ts', // 1,300 bodies of up to 1 MiB of [{},...] parsed by a simulator in a child (~20 s, ~50 s on a busy machine)
  'test/contracts/differential.test.ts', // 1,000 generated bodies per dialect through client and simulator, CPU-bound (~22 s)
  'test/workflows/respect.test.ts', // redocly respect polls with a 2 s retry per dialect (~21 s, mostly waiting)
  'test/hostile/fault-proxy.test.ts', // 160 calls through a proxy that delays and drops (~13 s)
  'test/cli/cli.test.ts', // the CLI against simulated tasks, a few runs as the built bin (~11 s)
  'test/cli/small-breaks.test.ts', // ~10 s
  'test/contracts/validators.test.ts', // property tests: generated validators against ajv at run time (~9 s)
  'test/cli/api-key.test.ts', // the built bin, where a leaked key would show (~5 s)
  'test/docs/readme-transcript.test.ts', // the command-line guide's shell transcript, through npx (~5 s)
  'test/simulator/robustness.test.ts', // 10,000 concurrent creates
  'test/cli/hostile-gateway.test.ts',
];

function rank(root: string, spec: TestSpecification): number {
  const index = SLOW_FILES.indexOf(relative(root, spec.moduleId).split('\\').join('/'));
  return index === -1 ? SLOW_FILES.length : index;
}

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    // Array.prototype.sort is stable: files of equal rank (all the others) keep Vitest's order.
    return sorted.sort((a, b) => rank(root, a) - rank(root, b));
  }
}
