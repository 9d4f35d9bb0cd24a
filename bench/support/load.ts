// The load generator in its own process: autocannon's CLI, one run per call, its JSON read back.
// Each request is checked to have got the expected status, so a server that answers fast with
// errors cannot win.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { node, ROOT } from './processes.ts';

const run = promisify(execFile);
const AUTOCANNON = resolve(ROOT, 'node_modules/autocannon/autocannon.js');

export interface Load {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  /** Seconds, or a request count with `amount`. */
  seconds?: number;
  amount?: number;
  /** The status every answer must have. */
  expect: number;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  unexpected: number;
}

interface AutocannonJson {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  duration: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

export async function load(spec: Load): Promise<LoadResult> {
  const args = [AUTOCANNON, '--json', '--no-progress', '--connections', String(spec.connections), '--method', spec.method ?? 'GET', '--timeout', '30'];
  if (spec.amount !== undefined) args.push('--amount', String(spec.amount));
  else args.push('--duration', String(spec.seconds ?? 5));
  for (const [name, value] of Object.entries(spec.headers ?? {})) args.push('--headers', `${name}=${value}`);
  if (spec.body !== undefined) args.push('--body', spec.body);
  args.push(spec.url);
  const { stdout } = await run(node, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as AutocannonJson;
  const expected = result.statusCodeStats?.[String(spec.expect)]?.count ?? 0;
  const answered = Object.values(result.statusCodeStats ?? {}).reduce((sum, entry) => sum + entry.count, 0);
  return {
    requests: expected,
    perSecond: expected / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    unexpected: answered - expected + result.errors + result.timeouts,
  };
}
