import { configDefaults, defineConfig } from 'vitest/config';

// Test files that only call functions and talk to servers by URL: they share one module graph
// per worker (isolate: false), so ajv, the contract bundles, the simulator and the loaders are
// imported once per worker instead of once per file, which halves their CPU time. A test file
// that changes globals, the environment or other process state belongs in the isolated project.
const SHARED_MODULES = ['architecture', 'conformance', 'contracts', 'facade', 'mocks', 'simulator', 'support'].map((folder) => `test/${folder}/**/*.test.ts`);

// Generous limits so a cold start on a busy 2-core CI machine is not reported as a failure.
const limits = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // dist/ built once for the tests that run the built package (test/support/build.ts); one
    // in-process Prism per dialect for the conformance suite (or a live target; see
    // test/conformance/targets.ts). Both run once for the whole run, whichever project a file is in.
    globalSetup: ['test/support/build.ts', 'test/conformance/global-setup.ts'],
    reporters: ['default', './test/conformance/matrix-reporter.ts'],
    // vitest's default on 2 cores is one worker; most of the slow files wait on child processes
    // (the CLI, npm, tsc, Chromium), so three workers keep both cores busy.
    maxWorkers: 3,
    ...limits,
    projects: [
      { test: { name: 'shared-modules', include: SHARED_MODULES, isolate: false, ...limits } },
      { test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SHARED_MODULES], ...limits } },
    ],
  },
});
