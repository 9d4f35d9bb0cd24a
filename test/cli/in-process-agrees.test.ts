// The in-process runner the CLI tests mostly use (runCli, cli/run.ts) and the built bin a user runs
// (dist/cli/main.js, a child process) are two harnesses for one program: the same invocation must
// give the same exit code, stdout and stderr both ways. The invocations cover each command family
// the other tests run only in-process (models, validate, status, usage errors, --version), with
// relative paths and stdin, which the two reach differently (io.cwd and io.stdin against the
// process's own). None prints anything timing-dependent; the one difference allowed is the request id
// the simulator makes up for each answer (Ark's error messages carry one).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';
import { type RunOptions, type RunResult, runSeedance, runSeedanceBin } from './support.ts';

const work = mkdtempSync(join(tmpdir(), 'seedance-agree-'));
let sim: Simulator;
/** A finished Ark task's handle: its status reads the same every time. */
let finishedHandle = '';

beforeAll(async () => {
  sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 } });
  writeFileSync(join(work, 'good.json'), JSON.stringify({ model: 'ep-20251220143015-x7k2m', prompt: 'x', duration: 5 }));
  writeFileSync(
    join(work, 'bad.json'),
    JSON.stringify({ model: 'doubao-seedance-1-5-pro_720p', prompt: 'x', duration: 12, videos: [{ role: 'reference', source: 'https://example.com/v.mp4' }] }),
  );
  writeFileSync(join(work, 'key.txt'), 'sk-agree-0123456789abcdef\n');
  const submitted = await runSeedance(['submit', '-m', 'doubao-seedance-1-5-pro-251215', '-p', 'a finished task'], { env: env() });
  finishedHandle = submitted.stdout.trim();
  writeFileSync(join(work, 'handle.json'), finishedHandle);
});
afterAll(async () => {
  await sim.close();
  rmSync(work, { recursive: true, force: true });
});

const env = () => ({ SEEDANCE_BASE_URL: `${sim.url}/{dialect}` });
const unknownTask = () => JSON.stringify({ v: 1, dialect: 'ark', model: 'm', taskId: 'cgt-20260101000000-nope0', baseUrl: `${sim.url}/ark` });

/** Each invocation: its arguments and how it is run; a function, as the simulator's URL is known only once it runs. */
const INVOCATIONS: Array<[string, () => { args: string[]; options?: RunOptions; code: number }]> = [
  ['--version', () => ({ args: ['--version'], code: 0 })],
  ['no command: the usage, exit 2', () => ({ args: [], code: 2 })],
  ['an unknown flag, exit 2', () => ({ args: ['generate', '--no-such-flag'], code: 2 })],
  ['models', () => ({ args: ['models'], code: 0 })],
  ['validate, two relative files, one bad, exit 3', () => ({ args: ['validate', 'good.json', 'bad.json'], options: { cwd: work }, code: 3 })],
  [
    'validate a request from stdin, exit 3',
    () => ({ args: ['validate', '-', '--json'], options: { input: '{"model":"seedance2.0-720p","duration":99}' }, code: 3 }),
  ],
  ['status of an unknown task, exit 4', () => ({ args: ['status', unknownTask()], options: { env: env() }, code: 4 })],
  [
    'status of a finished task, the handle on stdin, the key from a relative file',
    () => ({ args: ['status', '-', '--api-key-file', 'key.txt'], options: { cwd: work, env: env(), input: finishedHandle }, code: 0 }),
  ],
  ['status, the handle from a relative file, --json', () => ({ args: ['status', 'handle.json', '--json'], options: { cwd: work, env: env() }, code: 0 })],
];

/** The run with each answer's made-up request id replaced by a placeholder. */
function stable(run: RunResult): RunResult {
  const text = (value: string) => value.replace(/Request id: [0-9a-f]+/g, 'Request id: <id>');
  return { ...run, stdout: text(run.stdout), stderr: text(run.stderr) };
}

describe('the in-process runner and the built bin', () => {
  it.each(INVOCATIONS)('agree on exit code, stdout and stderr: %s', async (_name, invocation) => {
    const { args, options, code } = invocation();
    const [inProcess, bin] = await Promise.all([runSeedance(args, options), runSeedanceBin(args, options)]);
    expect(bin.code, bin.stderr).toBe(code);
    expect(stable(inProcess)).toEqual(stable(bin));
  });
});
