#!/usr/bin/env node
// Runs npm scripts at the same time and fails if any fails: `npm test` runs its gates (lint,
// generate:check, typecheck) beside vitest instead of before it, because most of their time is
// process start-up and waiting, which a 2-core machine can overlap. The last script's output is
// streamed as it comes (vitest's progress); the others' output is printed whole, in order, when
// each ends, so lines never interleave.
//   node scripts/run-parallel.mjs [--first <script>] <script>... (e.g. --first build lint typecheck test:vitest)
// --first runs one script before the others (and stops there if it fails): `npm test` brings dist/
// up to date first (`tsc --build`, a fraction of a second when it is), so the typecheck, which
// reads the package's built declarations, and the tests, which run the built CLI, never write
// dist/ at the same time as another reads it.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const first = args[0] === '--first' ? args[1] : undefined;
const scripts = first ? args.slice(2) : args;
if (scripts.length === 0 || (args[0] === '--first' && !first)) {
  console.error('usage: node scripts/run-parallel.mjs [--first <npm script>] <npm script>...');
  process.exit(2);
}
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
const started = performance.now();

function run(script, streamed) {
  return new Promise((resolveRun) => {
    const child = spawn(npm[0], [...npm[1], 'run', '--silent', script], {
      stdio: ['ignore', streamed ? 'inherit' : 'pipe', streamed ? 'inherit' : 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') },
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const verdict = code === 0 ? 'ok' : `FAILED (${signal ?? `exit ${code}`})`;
      if (!streamed) process.stdout.write(`\n── npm run ${script}: ${verdict}, done at ${seconds} s ──\n${output.trimEnd()}\n`);
      else process.stdout.write(`\n── npm run ${script}: ${verdict}, done at ${seconds} s ──\n`);
      resolveRun(code === 0);
    });
  });
}

if (first && !(await run(first, false))) {
  console.error(`\nfailed: npm run ${first} (nothing else was run)`);
  process.exit(1);
}
const results = await Promise.all(scripts.map((script, index) => run(script, index === scripts.length - 1)));
const failed = scripts.filter((_, index) => !results[index]);
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.map((script) => `npm run ${script}`).join(', ')}`);
  process.exit(1);
}
