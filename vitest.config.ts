import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ built once for the tests that run the built package (test/support/build.ts); one
    // in-process Prism per dialect for the conformance suite (or a live target; see
    // test/conformance/targets.ts).
    globalSetup: ['test/support/build.ts', 'test/conformance/global-setup.ts'],
    reporters: ['default', './test/conformance/matrix-reporter.ts'],
    // Generous limits so a cold start on a busy 2-core CI machine is not reported as a failure.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
