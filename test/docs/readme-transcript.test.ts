// The command-line guide's session runs as printed: every `$ ` line of the transcript is run in
// bash against a simulator (the built `seedance` bin standing in for `npx seedance`), and what it
// prints must be the lines the guide shows under it. Only what differs between runs is masked:
// task ids, request ids, the simulator's port, and the progress lines (`queued 10%`), whose
// number and percentages depend on timing.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ManualClock, manualClock, type Simulator, startSimulator } from '../../mocks/simulator/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GUIDE = readFileSync(join(ROOT, 'docs/guides/command-line.md'), 'utf8');
const PRINTED_BASE = 'http://127.0.0.1:4010';
const run = promisify(execFile);

interface Step {
  command: string;
  expected: string[];
}

/** The ```text block under "## A session against the simulator", as commands and the lines each printed. */
function transcript(): Step[] {
  const block = /^## A session against the simulator\n[\s\S]*?```text\n([\s\S]*?)```/m.exec(GUIDE)?.[1] ?? '';
  const steps: Step[] = [];
  for (const line of block.trimEnd().split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
    else steps.at(-1)?.expected.push(line);
  }
  return steps;
}

const PROGRESS = /^(queued|running|succeeded|failed|cancelled|expired)( \d+%)?$/;

/** What may differ between two runs, replaced by placeholders; progress lines dropped. */
function normalise(lines: string[], base: string): string[] {
  return lines
    .map((line) =>
      line
        .replaceAll(base, PRINTED_BASE)
        .replace(/task_[a-z0-9]{32}/g, 'task_<id>')
        .replace(/cgt-\d{14}-[a-z0-9]{5}/g, (id) => (id === 'cgt-20260101000000-nope0' ? id : 'cgt-<id>'))
        .replace(/Request id: [0-9a-f]+/g, 'Request id: <id>'),
    )
    .filter((line) => !PROGRESS.test(line));
}

let sim: Simulator;
let clock: ManualClock;
let work: string;

beforeAll(async () => {
  // Simulated time moves only while a command that waits runs, so `status` right after `submit`
  // sees the task queued however slow the machine is.
  clock = manualClock();
  sim = await startSimulator({ port: 0, clock });
  work = mkdtempSync(join(tmpdir(), 'seedance-transcript-'));
  // `npx seedance ...` runs the built bin, as an installed package's would.
  const bin = join(work, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = seedance ] && shift && exec "${process.execPath}" "${join(ROOT, 'dist/cli/main.js')}" "$@"\nexit 127\n`);
  chmodSync(join(bin, 'npx'), 0o755);
});

afterAll(async () => {
  await sim?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

it('shows a session with generate, submit, status, wait, validate and a failing status', () => {
  const commands = transcript().map((step) => step.command.split(' ')[2]);
  for (const command of ['generate', 'submit', 'status', 'wait', 'validate']) expect(commands).toContain(command);
});

it('every command of the session prints what the guide shows', async () => {
  // No key in the environment: the session needs none against the simulator.
  const { SEEDANCE_API_KEY: _key, ...inherited } = process.env;
  const env = { ...inherited, PATH: `${join(work, '.bin')}:${process.env.PATH}`, SEEDANCE_BASE_URL: `${sim.url}/{dialect}`, NO_COLOR: '1' };
  // Files the session shows with `cat` are written as shown, before the session starts.
  for (const step of transcript()) {
    const shown = /^cat (\S+)$/.exec(step.command)?.[1];
    if (shown) writeFileSync(join(work, shown), `${step.expected.join('\n')}\n`);
  }
  for (const step of transcript()) {
    const command = step.command.replaceAll(PRINTED_BASE, sim.url);
    let output: string;
    const waits = /seedance (generate|wait)\b/.test(command);
    const ticker = waits ? setInterval(() => clock.advance(500), 25) : undefined;
    try {
      ({ stdout: output } = await run('bash', ['-c', `{ ${command}\n} 2>&1`], { cwd: work, env, encoding: 'utf8', timeout: 60_000 }));
    } catch (error) {
      // A command whose exit status the transcript shows with `echo $?` is run as one line, so a
      // failure here is a command that failed where the guide shows it succeed.
      throw new Error(`$ ${step.command}\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    } finally {
      clearInterval(ticker);
    }
    expect(normalise(output.trimEnd().split('\n').filter(Boolean), sim.url), `$ ${step.command}`).toEqual(normalise(step.expected, sim.url));
  }
}, 120_000);
