#!/usr/bin/env node
// Removes from dist/ what a fresh build would not write: the outputs of source files that were
// deleted or moved. `tsc --build` brings every output of a current source up to date but never
// deletes the outputs of a source that is gone, so a working copy's dist/ (and a tarball packed
// from it, which the consumer test installs) could carry modules no source stands for; nor does
// scripts/build-cjs.mjs delete its .cjs and .d.cts. Part of `npm run build`; the tests' global
// setup runs it after its own build.
//   node scripts/prune-dist.mjs
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
/** Output suffix -> the suffix of the source it comes from. */
const OUTPUTS = [
  ['.d.ts.map', '.ts'],
  ['.js.map', '.ts'],
  ['.cjs.map', '.ts'],
  ['.d.ts', '.ts'],
  ['.d.cts', '.ts'],
  ['.js', '.ts'],
  ['.cjs', '.ts'],
  ['.json', '.json'],
];

/** The source file (relative to the repository) that a dist/ file is built from, or undefined for files tsc does not write. */
function sourceOf(output) {
  const match = OUTPUTS.find(([suffix]) => output.endsWith(suffix));
  return match && `${output.slice(0, -match[0].length)}${match[1]}`;
}

/** Deletes every file under <root>/dist whose source is gone; returns their paths relative to root. */
export function pruneDist(root = ROOT) {
  const dist = join(root, 'dist');
  if (!existsSync(dist)) return [];
  const removed = [];
  for (const file of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!file.isFile()) continue;
    const output = relative(dist, join(file.parentPath, file.name));
    const source = sourceOf(output);
    if (source === undefined || existsSync(join(root, source))) continue;
    rmSync(join(dist, output));
    removed.push(join('dist', output));
  }
  return removed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const removed = pruneDist();
  if (removed.length > 0) console.log(`dist/: removed ${removed.length} outputs whose sources are gone: ${removed.join(', ')}`);
}
