// The two ways the tests run the command line.
//
// In-process, `runSeedance`: runCli (cli/run.ts) in this test worker, with its own captured stdout and
// stderr, stdin, environment and working directory (cli/io.ts); nothing of the worker's process state
// is read or changed (test files share a worker and run side by side: vitest's isolate: false). Most
// tests use it: a child process costs about 0.2 CPU-s of node start-up and ESM loading of the client
// per run, which the worker has already paid once.
//
// The bin, `runSeedanceBin` and `spawnSeedance`: a child process running the built bin,
// dist/cli/main.js, as `npm install` leaves it and a user's shell runs it (vitest's global setup,
// test/support/build.ts, rebuilds dist/ from the current source first). Kept where the process
// boundary is the behaviour under test:
//   - signals: Ctrl-C (SIGINT) mid-wait prints the resume command and exits 130 (small-breaks);
//   - the process list: an --api-key is scrubbed from /proc/<pid>/cmdline (api-key);
//   - a closed stdout pipe (EPIPE) ends quietly (small-breaks);
//   - `seedance start`, a server that runs until the process is killed (small-breaks);
//   - key leaks (api-key.test.ts, and "the API key appears nowhere" in cli.test.ts): a child's real
//     stdout and stderr catch every byte any library writes there, which in-process capture would not;
//   - one smoke per command family, so cli/main.ts's wiring stays covered end to end: generate
//     (cli.test.ts), submit and wait (small-breaks, Ctrl-C while wait waits), check (check.test.ts,
//     nothing listening), and models, validate, status, usage errors and exit codes through the
//     differential test (in-process-agrees.test.ts), which runs the same invocations both ways and
//     requires the same exit code, stdout and stderr.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../cli/run.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The node arguments that start `seedance` (by absolute path: the tests run in other directories). */
const CLI = [process.execPath, [resolve(ROOT, 'dist/cli/main.js')]] as const;

export interface RunOptions {
  cwd?: string;
  /** Added to the environment (SEEDANCE_API_KEY is cleared unless given here). */
  env?: Record<string, string>;
  /** Written to stdin, then closed. */
  input?: string;
  /** The bin is killed (SIGTERM) after this long; an in-process run is interrupted and reported the same way. */
  timeoutMs?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A copy of this process's environment with the test's variables over it; never this process's own object. */
function environment(env: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, SEEDANCE_API_KEY: '', NO_COLOR: '1', ...env };
}

/** A stream that appends every write to a string. */
function capture(append: (text: string) => void): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      append(String(chunk));
      done();
    },
  });
}

/** Runs `seedance <args>` in-process (runCli) to its end; never throws on a non-zero exit. */
export async function runSeedance(args: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end(options.input ?? '');
  const interrupt = new AbortController();
  const run = runCli(args, {
    stdin,
    stdout: capture((text) => (stdout += text)),
    stderr: capture((text) => (stderr += text)),
    env: environment(options.env),
    cwd: options.cwd ?? ROOT,
    interrupt: interrupt.signal,
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed out'>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout('timed out'), options.timeoutMs ?? 60_000);
  });
  const outcome = await Promise.race([run, timedOut]);
  clearTimeout(timer);
  if (outcome !== 'timed out') return { code: outcome, signal: null, stdout, stderr };
  // As execFile's timeout kills the bin: no exit code, SIGTERM, what was written so far. The interrupt stops its wait.
  const result: RunResult = { code: null, signal: 'SIGTERM', stdout, stderr };
  interrupt.abort();
  return result;
}

/** Runs `seedance <args>` as the built bin in a child process to its end; never throws on a non-zero exit. */
export function runSeedanceBin(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolveRun) => {
    const child = execFile(
      CLI[0],
      [...CLI[1], ...args],
      { cwd: options.cwd ?? ROOT, env: environment(options.env), timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: number | string }) | null;
        resolveRun({ code: failed ? (typeof failed.code === 'number' ? failed.code : null) : 0, signal: child.signalCode, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** Starts the bin `seedance <args>` and hands back the running process (for signals, /proc, closed pipes). */
export function spawnSeedance(args: string[], options: Omit<RunOptions, 'input' | 'timeoutMs'> = {}): ChildProcess {
  return spawn(CLI[0], [...CLI[1], ...args], { cwd: options.cwd ?? ROOT, env: environment(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Collects a spawned process's output until it exits. */
export function finished(child: ChildProcess): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveExit) => child.on('close', (code, signal) => resolveExit({ code, signal, stdout, stderr })));
}

/**
 * `seedance <args>` in this worker (runCli, as an embedding app runs it), its output watched as it
 * is written, stopped by `interrupt` (Ctrl-C through the run's interrupt signal).
 */
export function embeddedRun(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}) {
  const seen = { stdout: '', stderr: '' };
  const waiting: Array<() => void> = [];
  const sink = (name: 'stdout' | 'stderr') =>
    new Writable({
      decodeStrings: false,
      write(chunk: string, _encoding, done) {
        seen[name] += chunk;
        for (const wake of waiting.splice(0)) wake();
        done();
      },
    });
  const interrupt = new AbortController();
  const stdin = new PassThrough();
  stdin.end();
  const code = runCli(args, {
    stdin,
    stdout: sink('stdout'),
    stderr: sink('stderr'),
    env: { ...process.env, ...options.env },
    cwd: options.cwd ?? ROOT,
    interrupt: interrupt.signal,
  });
  /** Resolves once `test` holds for what was written. */
  const until = async (test: () => boolean): Promise<void> => {
    while (!test()) await new Promise<void>((resolve) => waiting.push(resolve));
  };
  return { seen, code, until, interrupt: () => interrupt.abort() };
}
