// The one way the tests run the command line, as a user's shell would: a child process running
// the built bin, dist/cli/main.js, as `npm install` leaves it (vitest's global setup,
// test/support/build.ts, rebuilds dist/ from the current source first). Plain node starts in a
// fraction of the time tsx's loader takes, and that start is paid by every CLI test.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The node arguments that start `seedance` (by absolute path: the tests run in other directories). */
const CLI = [process.execPath, [resolve(ROOT, 'dist/cli/main.js')]] as const;

export interface RunOptions {
  cwd?: string;
  /** Added to the environment (SEEDANCE_API_KEY is cleared unless given here). */
  env?: Record<string, string>;
  /** Written to stdin, then closed. */
  input?: string;
  timeoutMs?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function environment(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, SEEDANCE_API_KEY: '', NO_COLOR: '1', ...env };
}

/** Runs `seedance <args>` to its end; never throws on a non-zero exit. */
export function runSeedance(args: string[], options: RunOptions = {}): Promise<RunResult> {
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

/** Starts `seedance <args>` and hands back the running process (for signals, /proc, closed pipes). */
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
