// scripts/prune-dist.mjs keeps dist/ to what a fresh build writes: outputs whose source was deleted
// go (tsc --build never removes them, and `npm pack` would ship them), everything else stays.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneDist } from '../../scripts/prune-dist.mjs';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: string[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
}

describe('pruning dist/ of outputs without a source', () => {
  it('removes the .js, .cjs, .d.ts, .d.cts and maps of a deleted module and a JSON file no longer in generated/, and nothing else', () => {
    root = mkdtempSync(join(tmpdir(), 'seedance-prune-'));
    const sources = ['src/kept.ts', 'cli/main.ts', 'generated/ark.contract.json', 'package.json'];
    const current = [
      'dist/src/kept.js',
      'dist/src/kept.js.map',
      'dist/src/kept.d.ts',
      'dist/src/kept.d.ts.map',
      'dist/src/kept.cjs',
      'dist/src/kept.d.cts',
      'dist/cli/main.js',
    ];
    const stale = [
      'dist/src/gone.js',
      'dist/src/gone.js.map',
      'dist/src/gone.d.ts',
      'dist/src/gone.cjs',
      'dist/src/gone.cjs.map',
      'dist/src/gone.d.cts',
      'dist/generated/old.contract.json',
    ];
    const other = ['dist/.tsbuildinfo', 'dist/generated/ark.contract.json', 'dist/package.json'];
    write([...sources, ...current, ...stale, ...other]);

    expect(pruneDist(root).sort()).toEqual([...stale].sort());
    for (const file of [...current, ...other]) expect(existsSync(join(root, file)), file).toBe(true);
    for (const file of stale) expect(existsSync(join(root, file)), file).toBe(false);
  });

  it('does nothing without a dist/', () => {
    root = mkdtempSync(join(tmpdir(), 'seedance-prune-'));
    expect(pruneDist(root)).toEqual([]);
  });
});
