import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prism loads each document once per file; a generous timeout keeps a cold start on a busy
    // 2-core CI machine from being reported as a failure.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
