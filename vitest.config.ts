import { configDefaults, defineConfig } from 'vitest/config';

// Test files that only call functions and talk to servers by URL: they share one module graph
// per worker (isolate: false), so ajv, the contract bundles and the loaders are imported once per
// worker instead of once per file, which halves their CPU time. A test file that changes globals,
// timers, the environment or other process state belongs in the isolated project instead.
const SHARED_MODULES = ['test/contracts/**/*.test.ts', 'test/facade/**/*.test.ts', 'test/architecture/**/*.test.ts', 'test/support/**/*.test.ts'];

// Generous limits so a cold start on a busy 2-core CI machine is not reported as a failure.
const limits = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // dist/ built once for the tests that run the built package (test/support/build.ts); one
    // in-process Prism per dialect for the conformance suite (or a live target; see
    // test/conformance/targets.ts). Both run once for the whole run, whichever project a file is in.
    globalSetup: ['test/support/build.ts', 'test/conformance/global-setup.ts'],
    reporters: ['default', './test/conformance/matrix-reporter.ts'],
    ...limits,
    projects: [
      { test: { name: 'shared-modules', include: SHARED_MODULES, isolate: false, ...limits } },
      { test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SHARED_MODULES], ...limits } },
    ],
  },
});
