// Memory is bounded by what is held, not by what was sent: a task keeps only the scalar fields of
// its request, and the journal keeps bodies as text within a byte budget. The flood
// (parsed-size-flood.ts) runs in its own process with a 192 MiB heap, so on a simulator that keeps
// parsed bodies it dies at once ("JavaScript heap out of memory") instead of taking the runner down.
// Parsing 300 MiB of empty objects is about 30 s of CPU: on a busy machine the test takes minutes.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface FloodReport {
  statuses: Record<string, number>;
  heapUsed: number;
  rss: number;
  tasks: number;
  journalReads: number[];
}

function flood(): Promise<{ code: number | null; report?: FloodReport; output: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ['--max-old-space-size=192', '--expose-gc', '--import', 'tsx', resolve(import.meta.dirname, 'parsed-size-flood.ts')],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').at(-1) ?? '';
        const report = line.startsWith('{') ? (JSON.parse(line) as FloodReport) : undefined;
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, ...(report ? { report } : {}), output: `${stdout}\n${stderr}`.slice(-2_000) });
      },
    );
    // Its minutes of parsing yield to the suite's timed tests (a browser, timeouts): it has no deadline but its own.
    try {
      if (child.pid !== undefined) setPriority(child.pid, 19);
    } catch {
      // Lowering a priority is allowed everywhere it exists; where it does not, the flood runs as it is.
    }
  });
}

describe('a flood of large parsed bodies', () => {
  it('answers 300 creates carrying 1 MiB of [{},{},...] and 1,000 refused 63 KiB bodies, and holds under 64 MiB of heap after', async () => {
    const { code, report, output } = await flood();
    const statuses = Object.entries(report?.statuses ?? {});
    mkdirSync(resolve(ROOT, 'reports'), { recursive: true });
    writeFileSync(
      resolve(ROOT, 'reports/parsed-size-flood.json'),
      `${JSON.stringify(
        {
          requests: statuses.reduce((sum, [, count]) => sum + count, 0),
          answersAtLeast500: statuses.filter(([status]) => Number(status) >= 500).reduce((sum, [, count]) => sum + count, 0),
          crashes: code === 0 ? 0 : 1,
          heapUsedAfterGc: report?.heapUsed,
          statuses: report?.statuses,
        },
        null,
        2,
      )}\n`,
    );
    expect(code, output).toBe(0);
    // Every task stays queued (its clock never moves), and every one fits: each keeps about a kilobyte.
    expect(report?.statuses).toEqual({ 200: 300, 400: 1_000 });
    expect(report?.tasks).toBe(300);
    expect(report?.journalReads.every((length) => length > 0)).toBe(true);
    expect(report?.heapUsed).toBeLessThan(64 * 1024 * 1024);
  }, 900_000);
});
