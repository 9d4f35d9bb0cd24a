// The test loop as CI runs it: a fresh clone of the committed HEAD, `npm ci --offline`, then
// `CI=true npm test`, several times; the wall time of each run (median), the CPU time every process
// of it used, by kind (Chromium, tsc, npm, redocly, the CLI, vitest's workers...), and each gate's
// finishing time as `npm test` prints it. The CPU total over the machine's cores is the least wall
// time any scheduling of the same work could reach: the floor the wall-time target is held against.
//   npx tsx bench/test-wall.ts [--runs 3] [--commit REV]   (REV: any commit, to measure a baseline the same way)
// CPU is read from a cpuacct cgroup when one can be made (Linux, root): it counts every process the
// run starts, Chromium's too (its helpers are re-parented, so rusage of `npm test` misses them). The
// breakdown by kind samples /proc every 50 ms; a process shorter than that may be missed, so the kinds
// add up to a little less than the cgroup's total.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median, ROOT } from './support/processes.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, commit: { type: 'string', default: 'HEAD' } }, strict: false });
const runs = Number(values.runs);
const TICKS_PER_SECOND = 100; // USER_HZ, the unit of /proc/<pid>/stat's utime and stime
const CGROUP_ROOT = '/sys/fs/cgroup/cpuacct';
/** The suite's wall-time target on this 2-core machine. */
const TARGET_SECONDS = 45;

/** What a process is, from its command line: the classes the breakdown reports. */
const KINDS: Array<[string, RegExp]> = [
  ['Chromium (docs test)', /chrom/],
  ['vitest workers', /vitest\/dist\/workers|vitest\/dist\/chunks\/.*(fork|worker)/],
  ['vitest main (transforms, global setup, Prism for conformance)', /vitest(\.mjs|\/vitest| run)/],
  ['seedance CLI (tests run the built bin)', /dist\/cli\/main\.js/],
  ['tsc (typecheck, consumer project)', /typescript\/bin\/tsc|\btsc\b/],
  ['npm (pack, ci, run)', /npm-cli\.js|\bnpm\b/],
  ['redocly (lint, build-docs, respect)', /redocly/],
  ['biome', /biome/],
  ['openapi-typescript, tsx scripts', /openapi-typescript|tsx/],
];

function kindOf(command: string): string {
  return KINDS.find(([, pattern]) => pattern.test(command))?.[0] ?? 'other (Node runs of the consumer project, servers, shells)';
}

interface ProcessSample {
  command: string;
  cpu: number;
  parent: string;
  /** Clock ticks after boot when it started: with the pid, it names one process (pids are reused). */
  start: string;
}

/** CPU seconds and parent of the processes alive now (all, or those listed), by pid. */
function processes(pids?: string[]): Map<string, ProcessSample> {
  const seen = new Map<string, ProcessSample>();
  for (const pid of pids ?? readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      seen.set(pid, { command, cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, parent: fields[1] ?? '', start: fields[19] ?? '' });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return seen;
}

/**
 * The processes of the run: the cgroup's members, or (without a cgroup) the descendants of its
 * root process, as far as they are still its descendants when sampled.
 */
function runProcesses(root: string, cgroup: string | undefined, known: Set<string>): Map<string, ProcessSample> {
  if (cgroup) return processes(readFileSync(join(cgroup, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean));
  const all = processes();
  known.add(root);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, sample] of all) {
      if (!known.has(pid) && known.has(sample.parent)) {
        known.add(pid);
        grew = true;
      }
    }
  }
  return new Map([...all].filter(([pid]) => known.has(pid)));
}

/** A cpuacct cgroup the run is put in, or undefined where none can be made. */
function makeCgroup(name: string): string | undefined {
  if (!existsSync(CGROUP_ROOT)) return undefined;
  const dir = join(CGROUP_ROOT, name);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cpuacct.usage'), '0');
    return dir;
  } catch {
    return undefined;
  }
}

interface RunResult {
  wallSeconds: number;
  cgroupCpu: number | undefined;
  byKind: Map<string, number>;
  /** "lint 4.1", ... as `npm test` (scripts/run-parallel.mjs) printed them. */
  gates: string[];
  ok: boolean;
}

/** One `CI=true npm test` in `clone`, sampled. */
async function runOnce(clone: string, index: number): Promise<RunResult> {
  const cgroup = makeCgroup(`seedance-test-wall-${process.pid}-${index}`);
  /** Each process's last sample, by pid and start (a pid may be reused during a run). */
  const last = new Map<string, { command: string; cpu: number }>();
  const known = new Set<string>();
  const started = performance.now();
  // The shell puts itself in the cgroup before it becomes npm, so every descendant is counted.
  const script = cgroup ? `echo $$ > ${cgroup}/cgroup.procs && exec npm test` : 'exec npm test';
  const child = spawn('sh', ['-c', script], { cwd: clone, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const sampler = setInterval(() => {
    for (const [pid, sample] of runProcesses(String(child.pid), cgroup, known)) {
      const key = `${pid}@${sample.start}`;
      last.set(key, { command: sample.command || last.get(key)?.command || '', cpu: sample.cpu });
    }
  }, 50);
  const code = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
  clearInterval(sampler);
  const wallSeconds = (performance.now() - started) / 1000;
  const byKind = new Map<string, number>();
  for (const { command, cpu } of last.values()) {
    if (cpu <= 0) continue;
    byKind.set(kindOf(command), (byKind.get(kindOf(command)) ?? 0) + cpu);
  }
  let cgroupCpu: number | undefined;
  if (cgroup) {
    cgroupCpu = Number(readFileSync(join(cgroup, 'cpuacct.usage'), 'utf8')) / 1e9;
    try {
      rmdirSync(cgroup);
    } catch {
      // A straggler is still in it; it is empty again soon, and the name is not reused.
    }
  }
  const gates = [...output.matchAll(/── npm run (\S+): (\S+), done at ([\d.]+) s/g)].map(
    (match) => `${match[1]} ${match[3]} s${match[2] === 'ok' ? '' : ' FAILED'}`,
  );
  if (code !== 0) process.stderr.write(output.slice(-4_000));
  return { wallSeconds, cgroupCpu, byKind, gates, ok: code === 0 };
}

export async function benchTestWall(): Promise<void> {
  const commit = execFileSync('git', ['rev-parse', '--short', String(values.commit)], { cwd: ROOT, encoding: 'utf8' }).trim();
  const clone = mkdtempSync(join(tmpdir(), 'seedance-test-wall-'));
  try {
    execFileSync('git', ['clone', '--quiet', ROOT, clone]);
    execFileSync('git', ['checkout', '--quiet', commit], { cwd: clone });
    execFileSync('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: clone, stdio: 'ignore' });
    const cores = availableParallelism();
    console.log(`\n## npm test: a fresh clone of ${commit}, CI=true, ${runs} run(s) on ${cores} cores (the first with a cold type check)`);
    const results: RunResult[] = [];
    for (let index = 0; index < runs; index++) {
      const result = await runOnce(clone, index);
      results.push(result);
      const cpu = result.cgroupCpu === undefined ? 'n/a (no cgroup)' : `${result.cgroupCpu.toFixed(1)} CPU-s`;
      console.log(
        `  run ${index + 1}: ${result.ok ? 'passed' : 'FAILED'} in ${result.wallSeconds.toFixed(1)} s wall, ${cpu}; gates done at: ${result.gates.join(', ')}`,
      );
    }
    const wall = median(results.map((result) => result.wallSeconds));
    const cpus = results.flatMap((result) => (result.cgroupCpu === undefined ? [] : [result.cgroupCpu]));
    console.log(`  median wall ${wall.toFixed(1)} s: ${(wall / TARGET_SECONDS).toFixed(2)}x the ${TARGET_SECONDS} s target`);
    if (cpus.length > 0) {
      const cpu = median(cpus);
      console.log(
        `  median CPU ${cpu.toFixed(1)} CPU-s: no schedule on ${cores} cores runs that work in less than ${(cpu / cores).toFixed(1)} s ` +
          `(the cores were busy ${((cpu / (wall * cores)) * 100).toFixed(0)}% of the median run)`,
      );
    }
    console.log('  CPU by kind of process (median over runs, sampled every 50 ms):');
    const kinds = new Set(results.flatMap((result) => [...result.byKind.keys()]));
    const rows = [...kinds].map((kind) => [kind, median(results.map((result) => result.byKind.get(kind) ?? 0))] as const).sort((a, b) => b[1] - a[1]);
    for (const [kind, seconds] of rows) console.log(`    ${seconds.toFixed(1).padStart(6)} CPU-s  ${kind}`);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchTestWall();
