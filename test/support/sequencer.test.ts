// The files test/support/sequencer.ts starts first must exist under the names it lists: a renamed
// or moved slow file would otherwise silently lose its early start and lengthen every run.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLOW_FILES } from './sequencer.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the slow-first test order', () => {
  it.each(SLOW_FILES)('names a test file that exists: %s', (file) => {
    expect(existsSync(resolve(ROOT, file))).toBe(true);
    expect(file).toMatch(/^test\/.+\.test\.ts$/);
  });

  it('lists each file once', () => {
    expect(new Set(SLOW_FILES).size).toBe(SLOW_FILES.length);
  });
});
