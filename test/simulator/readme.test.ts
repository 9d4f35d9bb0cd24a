// The simulator guide's curl sessions work as printed: each runs in bash against a simulator, with
// only the port, the sleeps (tasks are instant here) and the fixture path substituted. The vitest
// examples of the README and of the guide run as printed too.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';

const root = resolve(import.meta.dirname, '../..');
const GUIDE = 'docs/guides/simulator.md';
const sessions = [...readFileSync(join(root, GUIDE), 'utf8').matchAll(/```sh\n# ([a-z-]+): ([^\n]*)\n([\s\S]*?)```/g)].map(([, dialect, what, script]) => ({
  dialect,
  what,
  script: script ?? '',
}));
const work = mkdtempSync(join(tmpdir(), 'seedance-readme-'));
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 } });
});
afterAll(async () => {
  await sim.close();
  rmSync(work, { recursive: true, force: true });
});

it('shows a curl session for every dialect', () => {
  expect(sessions.map((session) => session.dialect).sort()).toEqual(['ark', 'content-metadata', 'multipart-videos', 'unified-jobs']);
});

// Asynchronously: the simulator answering curl runs in this same process.
const run = promisify(execFile);

it.each(sessions.map((session) => [session.dialect, session] as const))('runs the %s session: submit, poll, download a real MP4', async (_, session) => {
  const script = session.script
    .replaceAll('http://127.0.0.1:4010', sim.url)
    .replaceAll('sleep 6', 'sleep 0')
    .replaceAll('@mocks/fixtures/', `@${join(root, 'mocks/fixtures')}/`);
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: work, encoding: 'utf8', timeout: 30_000 });
  expect(stdout).toMatch(/ISO Media/);
});

// The vitest examples (```ts vitest) of the README and of the guide run as printed, in this suite,
// with the package's names mapped to this repository's sources. Their tests register here.
const examples = [
  { source: 'README.md', file: 'readme-example.generated.ts' },
  { source: GUIDE, file: 'simulator-guide-example.generated.ts' },
].map((example) => ({ ...example, code: /```ts vitest\n([\s\S]*?)```/.exec(readFileSync(join(root, example.source), 'utf8'))?.[1] }));
it.each(examples.map((example) => [example.source, example] as const))('%s shows a vitest example for the simulator', (_, example) => {
  expect(example.code).toContain("from 'seedance-contracts/simulator'");
});
for (const example of examples) {
  describe(`the vitest example of ${example.source}`, async () => {
    const file = join(import.meta.dirname, example.file);
    const local = (example.code ?? '')
      .replace("'seedance-contracts/simulator'", "'../../mocks/simulator/index.ts'")
      .replace("'seedance-contracts'", "'../../src/index.ts'");
    writeFileSync(file, `// Written by readme.test.ts from ${example.source}; do not edit.\n${local}`);
    await import(file);
  });
}
