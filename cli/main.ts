#!/usr/bin/env node
// seedance: the toolkit's command line, built on the client (src/client.ts).
//   seedance start | generate | submit | status | wait | cancel | models | validate | check
// Exit codes: 0 ok, 2 usage, 3 invalid request, 4 API or connection error, 5 wait timed out,
// 6 task failed/cancelled/expired, 7 contract checks failed, 1 anything else.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type SeedanceClient } from '../src/client.ts';
import { contracts } from '../src/contract.ts';
import { DIALECT_IDS, isDialectId, type DialectId } from '../src/dialects/ids.ts';
import {
  ApiError,
  ConnectionError,
  TaskFailedError,
  UnknownModelError,
  UnknownStatusError,
  UnsupportedOperationError,
  ValidationError,
  WaitTimeoutError,
  redactSecrets,
} from '../src/errors.ts';
import { defaultRoutes } from '../src/routing.ts';
import type { Task, TaskHandle } from '../src/task.ts';
import { createOutput, EXIT, UsageError, type Output } from './output.ts';
import { readRequestFile, REQUEST_FLAGS, requestFromFlags } from './request-flags.ts';

const USAGE = `seedance <command> [options]

  start                 run the offline simulator (same as npm start)
      [--port 4010] [--host 127.0.0.1] [--speed 1] [--scenario succeed] [--quiet]
  generate              submit a request and wait for the video, then download it
      --model M [--prompt P] [--request file.json] [--first-frame SRC] [--last-frame SRC]
      [--reference-image SRC]... [--reference-video SRC]... [--source-video SRC]...
      [--reference-audio SRC]... [--draft-task ID] [--duration S] [--frames N]
      [--resolution R] [--ratio R] [--seed N] [--[no-]watermark] [--[no-]camera-fixed]
      [--[no-]generate-audio] [--return-last-frame] [--draft] [--service-tier T]
      [--expires-after S] [--callback-url URL] [--dialect D]
      [--out video.mp4] [--timeout 600] [--poll-interval 5]
      SRC is a URL, an asset:// id, a data: URI or a local file.
  submit                like generate, but print the task handle and return at once
  status <handle>       read a task once       (handle: JSON, a file holding it, or - for stdin)
  wait <handle>         wait for a task, then download it [--out video.mp4] [--timeout 600]
  cancel <handle>       cancel a task (where the dialect can)
  models                list the documented models and the routing table
  validate <file.json>  check a request against its dialect's contract [--dialect D]
  check                 lint, drift and conformance checks of the contracts
      [--target URL] [--dialects a,b]   (against a live server instead of Prism)

Common: --base-url URL (or SEEDANCE_BASE_URL; one URL, or a template with {dialect};
default http://127.0.0.1:4010/{dialect}, the simulator), --api-key KEY (or SEEDANCE_API_KEY),
--json (JSON Lines on stdout). The key is never printed.

Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 invalid request, 4 API or connection error,
5 wait timed out (the task may still finish), 6 task failed, cancelled or expired,
7 contract checks failed.`;

const COMMON = {
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const DEFAULT_BASE = 'http://127.0.0.1:4010/{dialect}';
const LOOPBACK = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/;

function packageRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(resolve(dir, 'package.json')) || !existsSync(resolve(dir, 'openapi'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the toolkit root (package.json beside openapi/)');
    dir = parent;
  }
  return dir;
}

function baseUrls(flag: string | undefined): string | Record<DialectId, string> {
  const template = flag ?? process.env.SEEDANCE_BASE_URL ?? DEFAULT_BASE;
  if (!/^https?:\/\//.test(template)) throw new UsageError(`--base-url must be an http(s) URL, not "${template}"`);
  return template.includes('{dialect}') ? (Object.fromEntries(DIALECT_IDS.map((id) => [id, template.replaceAll('{dialect}', id)])) as Record<DialectId, string>) : template;
}

function apiKey(flag: string | undefined, base: string | Record<string, string>): string {
  const key = flag ?? process.env.SEEDANCE_API_KEY;
  if (key) return key;
  const urls = typeof base === 'string' ? [base] : Object.values(base);
  // The simulator accepts any key; a real gateway needs the integrator's.
  if (urls.every((url) => LOOPBACK.test(url))) return 'local-simulator-key';
  throw new UsageError('no API key: pass --api-key or set SEEDANCE_API_KEY');
}

function readHandle(argument: string | undefined): TaskHandle {
  if (!argument) throw new UsageError('a task handle is required (the JSON that `seedance submit` prints, a file holding it, or - for stdin)');
  let text = argument;
  if (argument === '-') text = readFileSync(0, 'utf8');
  else if (!argument.trim().startsWith('{') && existsSync(argument)) text = readFileSync(argument, 'utf8');
  let handle: Partial<TaskHandle>;
  try {
    handle = JSON.parse(text) as Partial<TaskHandle>;
  } catch {
    throw new UsageError(`not a task handle: ${argument.slice(0, 80)} (expected JSON like {"v":1,"dialect":"ark","model":"...","taskId":"...","baseUrl":"..."})`);
  }
  if (handle.v !== 1 || !isDialectId(handle.dialect) || typeof handle.taskId !== 'string' || typeof handle.baseUrl !== 'string' || typeof handle.model !== 'string') {
    throw new UsageError('not a task handle: it needs v: 1, dialect, model, taskId and baseUrl');
  }
  return handle as TaskHandle;
}

/** A flag in seconds, as milliseconds. */
function seconds(name: string, value: string | undefined, fallbackSeconds: number): number {
  const number = Number(value ?? fallbackSeconds);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`--${name} takes a positive number of seconds, not "${value}"`);
  return number * 1000;
}

function describeTask(task: Task): string {
  const parts = [`${task.id} (${task.dialect}, ${task.model}): ${task.status}`, `raw ${task.rawStatus}`];
  if (task.progress !== undefined) parts.push(`${task.progress}%`);
  if (task.videoUrl) parts.push(`video ${task.videoUrl}`);
  if (task.error) parts.push(`error ${task.error.code ?? ''} ${task.error.message}`.trim());
  return parts.join(', ');
}

async function download(task: Task, path: string, output: Output): Promise<void> {
  if (!task.videoUrl) throw new UsageError(`task ${task.id} has no video URL to download`);
  const response = await fetch(task.videoUrl);
  if (!response.ok) throw new ConnectionError(task.dialect, `downloading the video failed: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  writeFileSync(path, bytes);
  output.event({ event: 'downloaded', file: path, bytes: bytes.length, contentType: response.headers.get('content-type') });
  if (!output.json) output.result(`saved ${path} (${(bytes.length / 1024).toFixed(1)} KiB, ${response.headers.get('content-type') ?? 'unknown type'})`);
}

async function waitAndSave(client: SeedanceClient, handle: TaskHandle, values: { out?: string; timeout?: string; 'poll-interval'?: string }, output: Output) {
  const started = Date.now();
  const task = await client.wait(handle, {
    timeoutMs: seconds('timeout', values.timeout, 600),
    pollIntervalMs: seconds('poll-interval', values['poll-interval'], 2),
    onProgress: (current) => {
      output.progress(current, Date.now() - started);
      output.event({ event: 'status', status: current.status, rawStatus: current.rawStatus, progress: current.progress ?? null });
    },
  });
  output.done();
  output.event({ event: 'succeeded', task: { ...task, raw: undefined } });
  if (!output.json) output.result(describeTask(task));
  await download(task, values.out ?? `${task.id}.mp4`, output);
}

function parse<T extends Record<string, unknown>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON, ...options } as never, allowPositionals: true, strict: true }) as unknown as {
      values: { [K in keyof typeof COMMON]: K extends 'json' | 'help' ? boolean : string | undefined } & Record<string, never>;
      positionals: string[];
    };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

type Values = Record<string, string | boolean | string[] | undefined>;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  const waitFlags = { out: { type: 'string', short: 'o' }, timeout: { type: 'string' }, 'poll-interval': { type: 'string' } } as const;
  const specs: Record<string, Record<string, unknown>> = {
    start: { port: { type: 'string' }, host: { type: 'string' }, speed: { type: 'string' }, scenario: { type: 'string' }, quiet: { type: 'boolean' } },
    mock: { port: { type: 'string' }, host: { type: 'string' }, speed: { type: 'string' }, scenario: { type: 'string' }, quiet: { type: 'boolean' } },
    generate: { ...REQUEST_FLAGS, ...waitFlags },
    submit: { ...REQUEST_FLAGS },
    status: {},
    wait: { ...waitFlags },
    cancel: {},
    models: {},
    validate: { dialect: { type: 'string' } },
    check: { target: { type: 'string' }, dialects: { type: 'string' } },
  };
  const spec = specs[command];
  if (!spec) throw new UsageError(`unknown command "${command}"; run seedance --help`);
  const { values: parsed, positionals } = parse(rest, spec);
  const values = parsed as unknown as Values & { json: boolean; help: boolean; 'base-url'?: string; 'api-key'?: string };
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const secrets = [values['api-key'], process.env.SEEDANCE_API_KEY];
  const output = createOutput({ json: values.json, secrets });
  const client = () => {
    const baseUrl = baseUrls(values['base-url']);
    return createClient({ baseUrl, apiKey: apiKey(values['api-key'], baseUrl) });
  };

  switch (command) {
    case 'start':
    case 'mock': {
      const { runSimulator } = await import('../mocks/simulator/run.ts');
      const { isScenario } = await import('../mocks/simulator/tasks.ts');
      const scenario = (values.scenario as string | undefined) ?? 'succeed';
      const speed = Number(values.speed ?? 1);
      const port = Number(values.port ?? process.env.PORT ?? 4010);
      if (!isScenario(scenario) || !Number.isFinite(speed) || speed <= 0 || !Number.isInteger(port)) throw new UsageError('start: --scenario, --speed or --port is invalid; run seedance --help');
      await runSimulator({ host: (values.host as string | undefined) ?? process.env.HOST ?? '127.0.0.1', port, speed, scenario, quiet: values.quiet === true, print: (line) => output.result(line) });
      return new Promise<number>(() => undefined); // runs until interrupted
    }
    case 'generate':
    case 'submit': {
      const seedance = client();
      const handle = await seedance.submit(requestFromFlags(values as never));
      output.event({ event: 'submitted', handle });
      if (command === 'submit') {
        output.result(values.json ? '' : JSON.stringify(handle));
        return EXIT.ok;
      }
      if (!output.json) output.note(`submitted ${handle.taskId} (${handle.dialect}); resume with: seedance wait '${JSON.stringify(handle)}'`);
      await waitAndSave(seedance, handle, values as never, output);
      return EXIT.ok;
    }
    case 'status': {
      const task = await client().get(readHandle(positionals[0]));
      if (output.json) output.event({ event: 'status', task: { ...task, raw: task.raw } });
      else output.result(describeTask(task));
      return EXIT.ok;
    }
    case 'wait': {
      await waitAndSave(client(), readHandle(positionals[0]), values as never, output);
      return EXIT.ok;
    }
    case 'cancel': {
      const handle = readHandle(positionals[0]);
      await client().cancel(handle);
      output.event({ event: 'cancelled', handle });
      if (!output.json) output.result(`cancelled ${handle.taskId} (${handle.dialect})`);
      return EXIT.ok;
    }
    case 'models': {
      const documented = Object.fromEntries(
        DIALECT_IDS.map((dialect) => {
          const schema = contracts[dialect].operations.createTask?.requestSchema as { properties?: { model?: { enum?: string[] } } } | undefined;
          return [dialect, schema?.properties?.model?.enum ?? []];
        }),
      );
      if (output.json) {
        output.event({ event: 'models', documented, routes: defaultRoutes.map(({ pattern, dialect, note }) => ({ pattern, dialect, note })) });
        return EXIT.ok;
      }
      output.result('Documented models, by dialect:');
      for (const dialect of DIALECT_IDS) output.result(`  ${dialect}: ${documented[dialect]?.length ? documented[dialect].join(', ') : '(any model or endpoint id)'}`);
      output.result('Routing table (first match wins):');
      for (const route of defaultRoutes) output.result(`  ${route.pattern.padEnd(66)} -> ${route.dialect}  (${route.note})`);
      return EXIT.ok;
    }
    case 'validate': {
      const path = positionals[0];
      if (!path) throw new UsageError('validate needs a request file (JSON, the canonical request; - for stdin)');
      const request = readRequestFile(path);
      if (values.dialect !== undefined) {
        if (!isDialectId(values.dialect)) throw new UsageError(`--dialect must be one of ${DIALECT_IDS.join(', ')}`);
        request.dialect = values.dialect;
      }
      const prepared = await createClient({ baseUrl: DEFAULT_BASE.replace('{dialect}', 'unused'), apiKey: 'validate-only' }).prepare(request as never);
      output.event({ event: 'valid', dialect: prepared.dialect, body: prepared.body });
      if (!output.json) output.result(`valid for ${prepared.dialect}: ${path}`);
      return EXIT.ok;
    }
    case 'check': {
      const root = packageRoot();
      const env: NodeJS.ProcessEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
      if (values.target !== undefined) env.SEEDANCE_TARGET_URL = String(values.target);
      if (values.dialects !== undefined) env.SEEDANCE_TARGET_DIALECTS = String(values.dialects);
      if (values['api-key']) env.SEEDANCE_API_KEY = values['api-key'];
      const steps: Array<[string, string[]]> = [
        ['lint', ['run', 'lint']],
        ['generated types and bundles match the contracts', ['run', 'generate:check']],
        [values.target ? `conformance against ${String(values.target)}` : 'conformance against Prism', ['exec', '--', 'vitest', 'run', 'test/conformance']],
      ];
      let failed = 0;
      for (const [name, args] of steps) {
        output.note(`== ${name}`);
        const run = spawnSync('npm', args, { cwd: root, env, encoding: 'utf8' });
        const passed = run.status === 0;
        if (!passed) {
          failed++;
          output.note(`${run.stdout}${run.stderr}`.trim().split('\n').slice(-25).join('\n'));
        }
        output.event({ event: 'check', step: name, passed });
        output.note(`${passed ? 'ok' : 'FAILED'}: ${name}`);
      }
      return failed === 0 ? EXIT.ok : EXIT.checkFailed;
    }
  }
  return EXIT.usage;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof ValidationError || error instanceof UnknownModelError) return EXIT.validation;
  if (error instanceof WaitTimeoutError) return EXIT.timeout;
  if (error instanceof TaskFailedError) return EXIT.taskFailed;
  if (error instanceof ApiError || error instanceof ConnectionError || error instanceof UnknownStatusError || error instanceof UnsupportedOperationError) return EXIT.api;
  return EXIT.unexpected;
}

function report(error: unknown, json: boolean): void {
  const secrets = [process.env.SEEDANCE_API_KEY, ...process.argv.slice(2).filter((_, index, all) => all[index - 1] === '--api-key'), ...process.argv.slice(2).flatMap((arg) => (arg.startsWith('--api-key=') ? [arg.slice(10)] : []))];
  const clean = redactSecrets(error, secrets) as Error;
  const output = createOutput({ json, secrets });
  if (json) {
    output.event({ event: 'error', name: clean.name, message: clean.message, ...(clean instanceof ValidationError ? { dialect: clean.dialect, issues: clean.issues } : {}), exitCode: exitCodeOf(error) });
    return;
  }
  if (clean instanceof ValidationError) {
    output.note(`invalid request${clean.dialect ? ` for ${clean.dialect}` : ''}:`);
    for (const issue of clean.issues) output.note(`  ${issue.path || '(request)'}: ${issue.message} [${issue.rule}]`);
  } else {
    output.note(`${clean.name === 'Error' ? 'error' : clean.name}: ${clean.message}`);
  }
}

const json = process.argv.includes('--json');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  report(error, json);
  process.exitCode = exitCodeOf(error);
}
