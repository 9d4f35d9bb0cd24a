import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ built once for the tests that run the built package (test/support/build.ts); one
    // in-process Prism per dialect for the conformance suite (or a live target; see
    // test/conformance/targets.ts). Both run once for the whole run.
    globalSetup: ['test/support/build.ts', 'test/conformance/global-setup.ts'],
    reporters: ['default', './test/conformance/matrix-reporter.ts'],
    // Test files share one module graph per worker (isolate: false): ajv, the contract bundles, the
    // simulator, the loaders and vitest's own runtime are loaded once per worker instead of once per
    // file (a worker process per file cost about a second of CPU each). No test file changes
    // globals, timers, the environment or other process state; one that must, belongs in a
    // separate project with isolate: true.
    isolate: false,
    // vitest's default on 2 cores is one worker; most of the slow files wait on child processes
    // (the CLI, npm, tsc, Chromium) or on timers, so more workers than cores keep both cores busy.
    maxWorkers: 4,
    // The slowest files start first (test/support/sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    // Generous limits so a cold start on a busy 2-core CI machine is not reported as a failure.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
