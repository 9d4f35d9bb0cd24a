// The toolkit in an integrator's own project: the repository is packed (`npm pack`), the tarball is
// installed offline into a fresh project in the system's temp directory, and everything an
// integrator does with it is done from there, on this Node (20) and on Node 24: import the client
// and a dialect's generated types (type-checked by TypeScript 5.9 and 7), require() it from
// CommonJS and from a Jest 30 suite, start the simulator in-process, run the command line
// (`--version`, `validate --wire`, `check --target` with a JUnit report). The client also runs in
// Deno, in Bun and, bundled by esbuild, in headless Chromium.
// Once the project is installed its checks are independent of each other, so they run side by
// side (describe.concurrent): the type check, the Arazzo run and each Node's runs overlap, where
// one after another they waited for each other's child processes. Each Node writes its own files.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';
import { DIALECT_FACTS, MODELS } from '../support/dialects.ts';
import { bundleForBrowser, launchChromium, openHarness, serveHarness } from './browser-harness.ts';
import { createConsumerProject, packRepository, ROOT, type ConsumerProject } from './consumer-project.ts';
import {
  EVERY_DIALECT_FILE,
  EXPECTED_REFUSAL,
  everyDialectSource,
  type FirstFrame,
  type Outcome,
  type Prepared,
  type Submitted,
  type SubmitOptions,
} from './every-dialect.ts';
import { currentNode, findNode24, type NodeBinary } from './node-binaries.ts';
import { blockName, docBlocks, recipes, type Runner } from './recipes.ts';
import { CHROMIUM, findBun, findDeno, type Runtime } from './runtimes.ts';

/** TypeScript 5.9, which builds the package, and TypeScript 7 (`npm install typescript` today), installed beside it as `typescript-7`. */
const COMPILERS = [
  { label: 'TypeScript 5.9', tsc: join(ROOT, 'node_modules/typescript/bin/tsc') },
  { label: 'TypeScript 7', tsc: join(ROOT, 'node_modules/typescript-7/bin/tsc') },
] as const;
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; bin: Record<string, string> };

const run = promisify(execFile);
/** What the entry point must export (the client guide names them). */
const ENTRY_NAMES = [
  'createClient',
  'defaultRoutes',
  'routeModel',
  'ValidationError',
  'ApiError',
  'TaskFailedError',
  'WaitTimeoutError',
  'UnknownStatusError',
  'TASK_STATUSES',
  'dialects',
];

// Looked up before the tests are collected, so each Node gets its own block of tests.
const node24 = findNode24();
const nodes: NodeBinary[] = [currentNode()];
if ('path' in node24) nodes.push(node24);
else if (process.env.CI) nodes.push({ label: 'Node 24', path: '', version: node24.error });
else console.warn(`Node 24 tests skipped: ${node24.error}`);

/** The other runtimes: missing ones fail under CI (which installs them) and are skipped elsewhere. */
const runtimes: Runtime[] = [];
for (const found of [findDeno(), findBun()]) {
  if ('path' in found) runtimes.push(found);
  else if (process.env.CI) runtimes.push({ label: found.error.split(' ')[0]!, path: '', version: found.error });
  else console.warn(`skipped: ${found.error}`);
}
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !process.env.CI) console.warn(`browser checks skipped: ${CHROMIUM} is missing; install it with apt-get install -y chromium`);

/** Long enough for a dozen child processes at once on a busy 2-core machine (hang guards, not timings). */
const CONCURRENT_TIMEOUT = 240_000;

let packDir: string;
let project: ConsumerProject;
/** Each compiler's diagnostics for the consumer's TypeScript (empty when it compiles), started as soon as the project is installed. */
let typeChecks: Promise<string>[];

beforeAll(async () => {
  packDir = mkdtempSync(join(tmpdir(), 'seedance-pack-'));
  project = await createConsumerProject(await packRepository(packDir), ['@types/node', 'vitest', 'msw']);
  writeFile(EVERY_DIALECT_FILE, everyDialectSource());
  // TypeScript 5.9 checks everything with Node's types, as its default (every @types package) would;
  // TypeScript 7 loads no @types package unless asked (its `types` defaults to []), so its run over
  // the programs that import the package shows whether the package's declarations ask for what they use.
  const sources = consumerSources();
  for (const [name, content] of Object.entries(sources)) writeFile(name, content);
  typeChecks = [
    checkConsumerTypes(COMPILERS[0].tsc, Object.keys(sources), ['--types', 'node']),
    checkConsumerTypes(COMPILERS[1].tsc, typeScript7Files(sources), []),
  ];
}, 300_000);

afterAll(() => {
  for (const dir of [packDir, project?.dir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const installed = () => join(project.dir, 'node_modules/seedance-contracts');

/** Runs a file of the consumer project with the given Node; stdout, or the error with stderr in it. */
async function runWith(
  node: NodeBinary | Runtime,
  args: string[],
  options: { allowFailure?: boolean; cwd?: string; env?: Record<string, string>; timeout?: number } = {},
): Promise<{ stdout: string; stderr: string; code: number }> {
  if (!node.path) throw new Error(`${node.label} is required under CI but could not be had: ${node.version}`);
  try {
    // Not this vitest's own settings: a vitest run in the consumer project must not take itself for one of its workers.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
    const env = { ...inherited, ...options.env };
    // A Jest run took 63 s on a 2-core machine shared with other work: the guard is against a hang only.
    const timeout = options.timeout ?? 150_000;
    const { stdout, stderr } = await run(node.path, args, { cwd: options.cwd ?? project.dir, encoding: 'utf8', timeout, env, maxBuffer: 16 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; code?: number };
    if (!options.allowFailure) throw new Error(`${node.label}: node ${args.join(' ')} failed (${failure.code}):\n${failure.stderr}\n${failure.stdout}`);
    return { stdout: failure.stdout ?? '', stderr: failure.stderr ?? '', code: typeof failure.code === 'number' ? failure.code : -1 };
  }
}

function writeFile(name: string, content: string): string {
  writeFileSync(join(project.dir, name), content);
  return name;
}

/** A file name of the consumer project that belongs to one Node's runs (they run at the same time). */
function fileOf(node: NodeBinary, name: string): string {
  return `${node.label.replace(/\W/g, '').toLowerCase()}-${name}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => join(dir, file))
    .filter((file) => statSync(file).isFile());
}

function cliPath(): string {
  return join(installed(), Object.values(project.manifest.bin ?? MANIFEST.bin)[0]!);
}

/** A simulator from the installed package in its own process (the CLI under test is another), with instant tasks. */
async function startSimulatorChild(node: NodeBinary): Promise<{ url: string; child: ChildProcess }> {
  const file = writeFile(
    fileOf(node, 'serve.mjs'),
    `import { startSimulator } from 'seedance-contracts/simulator';
const sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 } });
console.log(sim.url);
process.on('SIGTERM', () => sim.close().then(() => process.exit(0)));
`,
  );
  const child = spawn(node.path, [file], { cwd: project.dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulator did not start within 20 s')), 20_000);
    child.stdout!.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolveUrl(chunk.toString().trim());
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
  });
  return { url, child };
}

/** The root type names openapi-typescript generated for a dialect (generated/<dialect>.ts). */
function generatedTypeNames(dialect: string): string[] {
  const source = readFileSync(join(ROOT, 'generated', `${dialect}.ts`), 'utf8');
  return [...source.matchAll(/^export type (\w+)\b/gm)].map((match) => match[1]!);
}

function packageChecks(): void {
  describe('the packed package, installed offline into a project outside the repository', () => {
    it('is publishable: not private, MIT as the documents state, with LICENSE, README and the contracts', () => {
      expect(project.manifest).not.toHaveProperty('private');
      expect(project.manifest).toMatchObject({ license: 'MIT', type: 'module' });
      for (const dialect of DIALECT_IDS) {
        expect(readFileSync(join(ROOT, 'openapi', `${dialect}.yaml`), 'utf8')).toMatch(/license:\s*\n\s*name: MIT/);
      }
      for (const file of ['LICENSE', 'README.md', 'package.json']) expect(existsSync(join(installed(), file)), file).toBe(true);
      // Nothing of the repository's own machinery travels with the package.
      const shipped = filesUnder(installed()).map((file) => relative(installed(), file));
      expect(shipped.filter((file) => /^(test|bench|scripts|reports|docs|node_modules)\/|\.tsbuildinfo$/.test(file))).toEqual([]);
    });

    it('the documents hold recipes to run in the consumer project: a vitest suite, a Jest suite, and one with MSW', () => {
      const runners = RECIPES.map((recipe) => recipe.runner);
      expect(runners).toContain('vitest');
      expect(runners).toContain('jest');
      expect(RECIPES.some((recipe) => /from 'msw(\/node)?'|require\('msw(\/node)?'\)/.test(recipe.code))).toBe(true);
    });

    it('every exports entry points to a file in the package', () => {
      // Conditions nest (module-sync, import, require; then types, default): every leaf is a file.
      const leaves = (target: unknown): string[] =>
        typeof target === 'string' ? [target] : target === null ? [] : Object.values(target as object).flatMap(leaves);
      const targets = Object.values(project.manifest.exports).flatMap(leaves);
      for (const target of targets) {
        const files = target.includes('*') ? DIALECT_IDS.map((dialect) => target.replace('*', dialect)) : [target];
        for (const file of files) expect(existsSync(join(installed(), file)), file).toBe(true);
      }
    });

    it(
      'the shipped Arazzo workflow runs from the installed package (its ../openapi source resolves) with redocly respect --server',
      async () => {
        const simulator = await startSimulatorChild(currentNode());
        try {
          const workflow = join(installed(), 'workflows/unified-jobs.arazzo.yaml');
          const redocly = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
          const args = [redocly, 'respect', workflow, '--server', `unified-jobs=${simulator.url}/unified-jobs`, '--input', 'apiKey=sk-local'];
          const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
          const { stdout } = await run(process.execPath, args, { cwd: project.dir, env, encoding: 'utf8', timeout: 90_000 });
          expect(stdout).toMatch(/Workflows: 1 passed, 1 total/);
        } finally {
          simulator.child.kill();
        }
      },
      CONCURRENT_TIMEOUT,
    );

    it('source maps resolve: every source a map names is shipped or carried inside the map', () => {
      const maps = filesUnder(join(installed(), 'dist')).filter((file) => file.endsWith('.map'));
      expect(maps.length).toBeGreaterThan(0);
      for (const map of maps) {
        const { sources, sourcesContent } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
        sources.forEach((source, index) => {
          const resolvable = typeof sourcesContent?.[index] === 'string' || existsSync(resolve(dirname(map), source));
          expect(resolvable, `${relative(installed(), map)} -> ${source}`).toBe(true);
        });
      }
    });
  });
}

/** The TypeScript an integrator writes against the package, checked by one `tsc --strict` run. */
function consumerSources(): Record<string, string> {
  const namespaces = DIALECT_IDS.map((dialect, index) => {
    const names = generatedTypeNames(dialect).map((name) => `D${index}.${name}`);
    return `import type * as D${index} from 'seedance-contracts/dialects/${dialect}';\nexport type Names${index} = [${names.join(', ')}];`;
  });
  return {
    // Every root name openapi-typescript generated, imported from its dialect's module.
    'generated-types.ts': `${namespaces.join('\n')}\n`,
    'client.ts': `import { createClient, ValidationError, type Task, type VideoRequestInput } from 'seedance-contracts';
import type { CreateTaskRequest, Task as ArkTask } from 'seedance-contracts/dialects/ark';
import manifest from 'seedance-contracts/package.json' with { type: 'json' };

const body: CreateTaskRequest = { model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'A kitten yawns' }] };
const request: VideoRequestInput = { model: body.model, prompt: 'A kitten yawns', duration: 5 };
const client = createClient({ baseUrl: 'http://127.0.0.1:4010/{dialect}', apiKey: 'sk-local' });
export async function run(): Promise<[Task, ArkTask['status'], string]> {
  try {
    const task = await client.wait(await client.submit(request));
    return [task, 'queued', manifest.version];
  } catch (error) {
    if (error instanceof ValidationError) console.log(error.issues.map((issue) => issue.path));
    throw error;
  }
}
`,
    // A one-gateway app: the core client built from one dialect entry, its dialects in its types.
    'one-dialect.ts': `import { createClient, type SeedanceClient } from 'seedance-contracts/core';
import { ark } from 'seedance-contracts/dialects/ark';
const client: SeedanceClient<'ark'> = createClient({ dialects: [ark], baseUrl: 'http://127.0.0.1:4010/ark', apiKey: 'sk-local' });
export const dialect: 'ark' = client.dialectFor('doubao-seedance-1-5-pro-251215');
`,
    // Every entry point, from an ES module and from CommonJS (whose imports are require()s, typed by the .d.cts declarations).
    'entries.ts': entriesSource(),
    'entries.cts': entriesSource(),
    // A CommonJS file, as an integrator writes one.
    'legacy.cts': `import { createClient } from 'seedance-contracts';
import type { CreateTaskRequest } from 'seedance-contracts/dialects/ark';
export const body: CreateTaskRequest = { model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'A kitten yawns' }] };
export const client = createClient({ baseUrl: 'http://127.0.0.1:4010/{dialect}', apiKey: 'sk-local' });
`,
    'simulator.ts': `import { startSimulator, type Simulator } from 'seedance-contracts/simulator';
import { createClient } from 'seedance-contracts';
export async function demo(): Promise<number> {
  const sim: Simulator = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 } });
  const client = createClient({ baseUrl: sim.urls, apiKey: 'sk-local' });
  await client.submit({ model: 'doubao-seedance-1-5-pro-251215', prompt: 'A kitten yawns', duration: 5 });
  const seen = sim.journal.entries().length;
  await sim.close();
  return seen;
}
`,
    ...docSnippets(),
  };
}

/**
 * The module entry points of the package's exports, as an importer names them: the dialect pattern
 * (`./dialects/*`) once per dialect; the file patterns and the blocked paths (null) aside.
 */
function moduleEntries(): string[] {
  return Object.entries(MANIFEST.exports)
    .filter(([, target]) => typeof target === 'object' && target !== null)
    .flatMap(([entry]) => (entry === './dialects/*' ? DIALECT_IDS.map((dialect) => `./dialects/${dialect}`) : entry.includes('*') ? [] : [entry]))
    .map((entry) => `seedance-contracts${entry.slice(1)}`);
}

/** A module importing every entry point of the package's exports (the file patterns aside) and using a value of each. */
function entriesSource(): string {
  const names = moduleEntries();
  const imports = names.map((name, index) => `import * as entry${index} from '${name}';`);
  return `${imports.join('\n')}
export const loaded: object[] = [${names.map((_, index) => `entry${index}`).join(', ')}];
export const values = [entry0.createClient, entry0.ValidationError, ${names
    .map((name, index) => (name.endsWith('/simulator') ? `entry${index}.startSimulator` : name.includes('/dialects/') ? `entry${index}.createRawClient` : ''))
    .filter(Boolean)
    .join(', ')}] as const;
`;
}

/** What TypeScript 7 checks: every program that imports the package, not the documents' snippets, which use Node's own APIs. */
function typeScript7Files(sources: Record<string, string>): string[] {
  return Object.keys(sources).filter((name) => !isDocSnippet(name));
}

/** Every ```ts block of the README and the guides (```ts vitest recipes too), as pasted, one module each. */
function docSnippets(): Record<string, string> {
  const blocks = docBlocks().filter((block) => block.language === 'ts');
  return Object.fromEntries(blocks.map((block) => [`${blockName(block)}.ts`, block.code]));
}

/** Whether a consumer file is a snippet of the documents. */
const isDocSnippet = (name: string) => /^(readme|guide)-/.test(name);

/** Runs one `tsc --strict` (the compiler at `tsc`) over the consumer's files; resolves to its diagnostics (empty when all compile). */
async function checkConsumerTypes(tsc: string, files: string[], extra: string[]): Promise<string> {
  try {
    // --skipDefaultLibCheck skips TypeScript's own lib.*.d.ts only (a third of the run's CPU, and not
    // ours to check); the package's declarations and @types/node are still checked.
    const args = [tsc, '--strict', '--noEmit', '--skipDefaultLibCheck', '--module', 'nodenext', '--target', 'es2022', ...extra, ...files];
    await run(process.execPath, args, { cwd: project.dir, encoding: 'utf8', timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
    return '';
  } catch (error) {
    return (error as { stdout?: string }).stdout ?? String(error);
  }
}

function typeScriptChecks(): void {
  describe("TypeScript in the consumer project (tsc --strict, module nodenext, the package's declarations checked too)", () => {
    const files = consumerSources();

    it('the README and the guides have TypeScript snippets to check', () => {
      expect(Object.keys(files).filter((name) => name.startsWith('readme-')).length).toBeGreaterThan(0);
      expect(Object.keys(files).filter((name) => name.startsWith('guide-')).length).toBeGreaterThan(0);
    });

    const runs = [Object.keys(files), typeScript7Files(files)];
    COMPILERS.forEach((compiler, index) => {
      it.each(runs[index]!)(
        `%s compiles under ${compiler.label}`,
        async (name) => {
          const mine = (await typeChecks[index]!).split('\n').filter((line) => line.startsWith(`${name}(`) || /^(node_modules\/|error )/.test(line));
          expect(mine, isDocSnippet(name) ? `${name}: a snippet of the documents\n${files[name]}` : name).toEqual([]);
        },
        CONCURRENT_TIMEOUT,
      );
    });
  });
}

/** The report vitest (`--reporter=json`) and Jest (`--json`) write: vitest's is Jest's shape. */
interface TestReport {
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }[];
  }[];
}

interface SuiteRun {
  report: TestReport | undefined;
  /** What the runner printed, shown when its report lacks a file. */
  output: string;
}

/** A run of the consumer project's suites: one runner, and for Jest on Node 24.9+ a second run for MSW (see below). */
type SuiteKind = Runner | 'jest-msw';
const RUNNER_LABELS: Record<Runner, string> = { vitest: 'vitest 4 (ES modules)', jest: 'Jest 30 (CommonJS)' };
/** Each run's suite entry: [its file in test/package/consumer/, its name in the consumer project]. */
const SUITE_ENTRIES: Record<SuiteKind, [string, string]> = {
  vitest: ['no-socket.vitest.mjs', 'no-socket.test.mjs'],
  jest: ['no-socket.jest.js', 'no-socket.test.js'],
  'jest-msw': ['msw.jest.js', 'msw.test.js'],
};
/**
 * MSW 2.13+ depends on ES-only packages; Jest's CommonJS runtime loads them by require(esm) only on
 * Node 24.9+ with --experimental-vm-modules (as Jest's ECMAScript-modules page says), else only
 * through a transform the project configures. Older Nodes run MSW under vitest only.
 */
function jestRequiresEsm(node: NodeBinary): boolean {
  const [major = 0, minor = 0] = node.version.replace(/^v/, '').split('.').map(Number);
  return major > 24 || (major === 24 && minor >= 9);
}
const CONSUMER_SUITES = join(import.meta.dirname, 'consumer');
/** The documents' recipes (```ts vitest, ```js jest blocks), run verbatim in the consumer project. */
const RECIPES = recipes();
/** A test may wait a while on a busy machine running a dozen processes at once; nothing in the suites waits in real time. */
const RUNNER_TEST_TIMEOUT = '--testTimeout=60000';

/**
 * One directory of the consumer project per Node and runner, holding that runner's suites: the
 * no-socket suite (test/package/consumer/, with the facts it reads) and the documents' recipes for
 * the runner. The Jest directory is a CommonJS project of its own (a package.json without "type")
 * whose root is that directory, so each run finds only its suites; the consumer project's
 * node_modules serve both.
 */
function writeSuites(node: NodeBinary, kind: SuiteKind): string {
  const dir = fileOf(node, kind);
  mkdirSync(join(project.dir, dir), { recursive: true });
  if (kind !== 'vitest') writeFile(join(dir, 'package.json'), JSON.stringify({ name: `${dir}-suite`, private: true }));
  writeFile(join(dir, 'facts.json'), JSON.stringify({ models: MODELS }));
  writeFile(join(dir, 'no-socket-suite.cjs'), readFileSync(join(CONSUMER_SUITES, 'no-socket-suite.cjs'), 'utf8'));
  const [entry, name] = SUITE_ENTRIES[kind];
  writeFile(join(dir, name), readFileSync(join(CONSUMER_SUITES, entry), 'utf8'));
  for (const recipe of RECIPES.filter((candidate) => candidate.runner === kind)) writeFile(join(dir, recipe.file), recipe.code);
  return dir;
}

/** The Jest suite that requires every entry of the package and runs a task on startSimulator(). */
function writeJestEntrySuite(dir: string): void {
  const entries = moduleEntries();
  writeFile(
    join(dir, 'seedance.test.js'),
    `const { createClient, ValidationError } = require('seedance-contracts');
const { startSimulator } = require('seedance-contracts/simulator');

test('every entry point loads, as the CommonJS build', () => {
  const entries = ${JSON.stringify(entries)};
  for (const entry of entries) expect(require(entry)).toBeTruthy();
  expect(require.resolve('seedance-contracts')).toMatch(/\\.cjs$/);
  expect(require('seedance-contracts/dialects/ark').dialect).toBe('ark');
});

test('a task submitted to startSimulator() ends succeeded; a bad request is a ValidationError', async () => {
  const sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 } });
  try {
    const client = createClient({ baseUrl: sim.urls, apiKey: 'sk-local' });
    const request = { model: ${JSON.stringify(MODELS.ark)}, prompt: 'A kitten yawns', duration: 5 };
    const task = await client.wait(await client.submit(request), { pollIntervalMs: 10, timeoutMs: 20000 });
    expect(task.status).toBe('succeeded');
    await expect(client.submit({ ...request, duration: 99 })).rejects.toBeInstanceOf(ValidationError);
  } finally {
    await sim.close();
  }
});
`,
  );
}

/**
 * Runs a runner once over its directory with the given Node and reads its JSON report.
 * vitest is the consumer project's own (installed beside the package, as an integrator has it).
 * Jest is the repository's (the same jest@30 an integrator installs): Jest's own module registry
 * cannot require() an ES module without --experimental-vm-modules, so it takes the CommonJS build
 * through the `require` condition; which copy of Jest runs does not matter, the package its resolver
 * finds is the consumer's, and installing Jest's ~300 packages into the project again would double
 * the install's time.
 */
async function runSuites(node: NodeBinary, kind: SuiteKind): Promise<SuiteRun> {
  const dir = writeSuites(node, kind);
  const cwd = join(project.dir, dir);
  const report = join(cwd, 'report.json');
  let args: string[];
  if (kind !== 'vitest') {
    if (kind === 'jest') writeJestEntrySuite(dir);
    const flags = kind === 'jest-msw' ? ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'] : [];
    args = [...flags, join(ROOT, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${report}`, RUNNER_TEST_TIMEOUT];
  } else {
    args = [join(project.dir, 'node_modules/vitest/vitest.mjs'), 'run', '--root', cwd, '--reporter=json', `--outputFile=${report}`, RUNNER_TEST_TIMEOUT];
  }
  const result = await runWith(node, args, { allowFailure: true, cwd, timeout: CONCURRENT_TIMEOUT });
  const output = `${node.label} ${kind} exited ${result.code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-8000)}`;
  return { report: existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as TestReport) : undefined, output };
}

/** One run per Node and runner, shared by the tests that read its report. */
const suiteRuns = new Map<string, Promise<SuiteRun>>();
function suiteRun(node: NodeBinary, kind: SuiteKind): Promise<SuiteRun> {
  const key = `${node.label}/${kind}`;
  if (!suiteRuns.has(key)) suiteRuns.set(key, runSuites(node, kind));
  return suiteRuns.get(key)!;
}

/** The file ran and every test in it (in the describe blocks whose titles start with `within`, when given) passed; there was at least one. */
function expectPassed(run: SuiteRun, file: string, within?: string[]): void {
  const result = run.report?.testResults.find((candidate) => candidate.name.endsWith(`/${file}`));
  expect(result, `${file} is not in the report\n${run.output}`).toBeDefined();
  const tests = result!.assertionResults.filter((test) => !within || within.some((title) => test.ancestorTitles[0]?.startsWith(title)));
  const failed = tests
    .filter((test) => test.status !== 'passed')
    .map((test) => `${[...test.ancestorTitles, test.title].join(' > ')}: ${test.status}\n${test.failureMessages.join('\n')}`);
  expect(failed, `${file}: ${result!.message}`).toEqual([]);
  // The whole file passed (no error outside a test); when only some of its blocks are this check's, their tests alone count.
  if (!within) expect(result!.status, `${file}: ${result!.message}`).toBe('passed');
  expect(tests.length, `${file}: no test ran${within ? ` in ${within.join(', ')}` : ''}`).toBeGreaterThan(0);
}

function nodeChecks(node: NodeBinary): void {
  describe(`${node.label} (${node.version})`, { timeout: CONCURRENT_TIMEOUT }, () => {
    it('imports the client, each dialect, package.json and the contract files by their package names', async () => {
      const file = writeFile(
        fileOf(node, 'imports.mjs'),
        `import { createClient, ValidationError } from 'seedance-contracts';
import * as toolkit from 'seedance-contracts';
import manifest from 'seedance-contracts/package.json' with { type: 'json' };
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const dialects = ${JSON.stringify(DIALECT_IDS)};
const modules = await Promise.all(dialects.map((dialect) => import('seedance-contracts/dialects/' + dialect)));
const contracts = dialects.map((dialect) =>
  JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('seedance-contracts/contracts/' + dialect + '.json')), 'utf8')),
);
const documents = dialects.map((dialect) => readFileSync(fileURLToPath(import.meta.resolve('seedance-contracts/openapi/' + dialect + '.yaml')), 'utf8'));
const client = createClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', fetch: () => { throw new Error('network used'); } });
const refused = await client.prepare({ model: 'doubao-seedance-1-5-pro_720p', prompt: 'p', duration: 12 }).catch((error) => error);
// The dialect pattern opens the dialects only: the barrel and what the adapters share stay inside.
const closed = await Promise.all(
  ['seedance-contracts/dialects/index', 'seedance-contracts/dialects/shared/adapter', 'seedance-contracts/dialects/shared/ark-shapes'].map((name) =>
    import(name).then(() => 'open', (error) => error.code),
  ),
);
console.log(JSON.stringify({
  closed,
  entry: ${JSON.stringify(ENTRY_NAMES)}.filter((name) => !(name in toolkit)),
  version: manifest.version,
  dialects: modules.map((module) => [module.dialect, typeof module.createRawClient, typeof module.toWire, typeof module.fromWire].join()),
  contracts: contracts.map((contract) => typeof contract),
  documents: documents.map((document) => /^openapi: 3\\.1/.test(document)),
  refused: [refused instanceof ValidationError, refused.issues?.[0]?.rule],
}));
`,
      );
      const result = JSON.parse((await runWith(node, [file])).stdout) as Record<string, unknown>;
      expect(result).toEqual({
        closed: ['ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_PACKAGE_PATH_NOT_EXPORTED'],
        entry: [],
        version: project.manifest.version,
        dialects: DIALECT_IDS.map((dialect) => `${dialect},function,function,function`),
        contracts: DIALECT_IDS.map(() => 'object'),
        documents: DIALECT_IDS.map(() => true),
        refused: [true, 'seconds-range'],
      });
    });

    it("builds a one-dialect client from 'seedance-contracts/core' and 'seedance-contracts/dialects/ark' that checks before sending", async () => {
      const file = writeFile(
        fileOf(node, 'one-dialect.mjs'),
        `import { createClient, ValidationError } from 'seedance-contracts/core';
import { ark } from 'seedance-contracts/dialects/ark';
const client = createClient({ dialects: [ark], baseUrl: 'http://127.0.0.1:9', apiKey: 'k', fetch: () => { throw new Error('network used'); } });
const refused = await client.prepare({ model: 'doubao-seedance-1-5-pro-251215', prompt: 'p', duration: 99 }).catch((error) => error);
const prepared = await client.prepare({ model: 'doubao-seedance-1-5-pro-251215', prompt: 'p', duration: 5 });
const refusal = [refused instanceof ValidationError, refused.issues?.[0]?.path];
console.log(JSON.stringify({ routed: client.dialectFor('doubao-seedance-2-0-260128'), prepared: prepared.dialect, refused: refusal }));
`,
      );
      const result = JSON.parse((await runWith(node, [file])).stdout) as Record<string, unknown>;
      expect(result).toEqual({ routed: 'ark', prepared: 'ark', refused: [true, '/duration'] });
    });

    it('require() from CommonJS loads the same ES modules as import (module-sync), so one ValidationError class serves both', async () => {
      const file = writeFile(
        fileOf(node, 'legacy.cjs'),
        `const { createClient, ValidationError } = require('seedance-contracts');
const ark = require('seedance-contracts/dialects/ark');
const { startSimulator } = require('seedance-contracts/simulator');
import('seedance-contracts').then((esm) => {
  const build = require.resolve('seedance-contracts').split('.').pop();
  console.log(JSON.stringify([typeof createClient, ark.dialect, typeof startSimulator, esm.ValidationError === ValidationError, build]));
});
`,
      );
      const { stdout, stderr } = await runWith(node, [file]);
      expect(JSON.parse(stdout)).toEqual(['function', 'ark', 'function', true, 'js']);
      expect(stderr).not.toMatch(/Error/);
    });

    it('a CommonJS Jest 30 suite (plain jest: no config or transform) requires every entry, runs a task to succeeded on startSimulator()', async () => {
      expectPassed(await suiteRun(node, 'jest'), 'seedance.test.js');
    });

    for (const runner of ['vitest', 'jest'] as const) {
      it(`createSimulator().fetch as the client's fetch on a manualClock(): a job per dialect to an MP4, no socket (${RUNNER_LABELS[runner]})`, async () => {
        expectPassed(await suiteRun(node, runner), SUITE_ENTRIES[runner][1], ["createSimulator().fetch as the client's fetch"]);
      });

      it(`a 1-character key leaves a TaskFailedError's name, message words and handle intact, in every dialect (${RUNNER_LABELS[runner]})`, async () => {
        expectPassed(await suiteRun(node, runner), SUITE_ENTRIES[runner][1], ['a 1-character key']);
      });
    }

    it(`MSW 2 hands the global fetch to createSimulator().fetch: a job per dialect to a downloaded MP4, no socket (${RUNNER_LABELS.vitest})`, async () => {
      expectPassed(await suiteRun(node, 'vitest'), SUITE_ENTRIES.vitest[1], ['behind MSW 2']);
    });

    if (jestRequiresEsm(node)) {
      it(`MSW 2 does the same under ${RUNNER_LABELS.jest}, with --experimental-vm-modules for MSW's ES-only dependencies`, async () => {
        expectPassed(await suiteRun(node, 'jest-msw'), SUITE_ENTRIES['jest-msw'][1], ['behind MSW 2']);
      });
    }

    for (const recipe of RECIPES) {
      it(`the ${recipe.runner} recipe ${recipe.file} of ${recipe.document} runs verbatim`, async () => {
        expectPassed(await suiteRun(node, recipe.runner), recipe.file);
      });
    }

    it("starts the simulator in-process from 'seedance-contracts/simulator', generates through the client and reads the journal", async () => {
      const file = writeFile(
        fileOf(node, 'simulator.mjs'),
        `import { startSimulator } from 'seedance-contracts/simulator';
import { createClient } from 'seedance-contracts';
const sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 } });
try {
  const client = createClient({ baseUrl: sim.urls, apiKey: 'sk-local' });
  const handle = await client.submit({ model: 'doubao-seedance-1-5-pro-251215', prompt: 'A kitten yawns', duration: 5 });
  const task = await client.wait(handle, { pollIntervalMs: 10, timeoutMs: 10_000 });
  const entries = sim.journal.entries();
  const entry = entries[0];
  const first = entry && { dialect: entry.dialect, operationId: entry.operationId, outcome: entry.verdict.outcome, model: entry.body?.model };
  // The same journal over HTTP, on the admin path no gateway uses.
  const overHttp = await (await fetch(sim.url + '/__simulator/journal')).json();
  console.log(JSON.stringify({ status: task.status, dialect: handle.dialect, first, overHttp: overHttp.entries.length === entries.length }));
} finally {
  await sim.close();
}
`,
      );
      expect(JSON.parse((await runWith(node, [file])).stdout)).toEqual({
        status: 'succeeded',
        dialect: 'ark',
        first: { dialect: 'ark', operationId: 'createTask', outcome: 'accepted', model: 'doubao-seedance-1-5-pro-251215' },
        overHttp: true,
      });
    });

    it(`seedance --version prints the package's version`, async () => {
      const { stdout } = await runWith(node, [cliPath(), '--version']);
      expect(stdout.trim()).toContain(project.manifest.version);
    });

    it(`seedance validate --wire checks a wire body as the client sends it`, async () => {
      const good = writeFile(
        fileOf(node, 'wire-good.json'),
        JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'A kitten yawns' }], duration: 5 }),
      );
      const bad = writeFile(
        fileOf(node, 'wire-bad.json'),
        JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'A kitten yawns' }], duration: 99 }),
      );
      expect((await runWith(node, [cliPath(), 'validate', '--wire', '--dialect', 'ark', good])).code).toBe(0);
      const refused = await runWith(node, [cliPath(), 'validate', '--wire', '--dialect', 'ark', bad], { allowFailure: true });
      expect(refused.code).toBe(3);
      expect(refused.stdout + refused.stderr).toMatch(/duration/);
    });

    it('records through the installed proxy, checks the recording with `seedance drift`, and replays it offline with no gateway', async () => {
      const simulator = await startSimulatorChild(node);
      try {
        const record = join(project.dir, `traffic-${node.version}.har`);
        const file = writeFile(
          fileOf(node, 'record-replay.mjs'),
          `import { readFileSync } from 'node:fs';
import { createClient } from 'seedance-contracts';
import { startProxy } from 'seedance-contracts/proxy';
import { createSimulator } from 'seedance-contracts/simulator';
const [simulatorUrl, record] = process.argv.slice(2);
const request = { model: ${JSON.stringify(MODELS.ark)}, prompt: 'A kitten yawns', duration: 5 };
const proxy = await startProxy({ target: simulatorUrl + '/ark', dialect: 'ark', record });
const client = createClient({ baseUrl: proxy.url, apiKey: 'sk-consumer-recording' });
const live = await client.wait(await client.submit(request), { pollIntervalMs: 10, timeoutMs: 30000 });
await proxy.settled();
await proxy.close();
const har = readFileSync(record, 'utf8');
const replay = createSimulator({ replay: { har, strict: true } });
const offline = createClient({ baseUrl: 'http://sim.test/{dialect}', apiKey: 'sk-offline', fetch: replay.fetch });
const replayed = await offline.wait(await offline.submit(request), { pollIntervalMs: 1, timeoutMs: 30000 });
await replay.close();
const keyInRecording = har.includes('sk-consumer-recording');
const sameTask = replayed.taskId === live.taskId;
console.log(JSON.stringify({ live: live.status, violations: proxy.violations.length, keyInRecording, replayed: [replayed.status, sameTask] }));
`,
        );
        const result = JSON.parse((await runWith(node, [file, simulator.url, record])).stdout) as Record<string, unknown>;
        expect(result).toEqual({ live: 'succeeded', violations: 0, keyInRecording: false, replayed: ['succeeded', true] });
        const drift = await runWith(node, [cliPath(), 'drift', record, '--dialect', 'ark'], { allowFailure: true });
        expect(drift.code, `${drift.stdout}\n${drift.stderr}`).toBe(0);
      } finally {
        simulator.child.kill();
      }
    });

    it('seedance check --target passes against the simulator and writes a JUnit report', async () => {
      const simulator = await startSimulatorChild(node);
      try {
        const report = join(project.dir, `junit-${node.version}.xml`);
        const result = await runWith(node, [cliPath(), 'check', '--target', `${simulator.url}/{dialect}`, '--report', 'junit', report], {
          allowFailure: true,
        });
        expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
        const junit = readFileSync(report, 'utf8');
        expect(junit).toMatch(/<testsuites?\b/);
        expect(junit).toMatch(/<testcase\b/);
        expect(junit).not.toMatch(/<failure\b/);
      } finally {
        simulator.child.kill();
      }
    });
  });
}

/** The arguments that run a module of the consumer project in a runtime: Deno may read files and reach loopback, nothing else. */
function runtimeArgs(runtime: Runtime, file: string): string[] {
  return runtime.label === 'Deno' ? ['run', '--no-lock', '--no-prompt', '--allow-read', '--allow-net=127.0.0.1', file] : [file];
}

/** A fixture the installed package ships (mocks/fixtures/). */
const shipped = (name: string) => readFileSync(join(installed(), 'mocks/fixtures', name));

/** The first frame as the client takes an image: the shipped PNG's bytes (as a Uint8Array or a Blob), a data: URI of them, or a URL. */
function firstFrame(as: FirstFrame['as']): FirstFrame {
  const png = shipped('first-frame.png');
  if (as === 'url') return { as, text: 'https://example.com/first-frame.png' };
  if (as === 'data-uri') return { as, text: `data:image/png;base64,${png.toString('base64')}` };
  return { as, bytes: [...png], type: 'image/png' };
}

/**
 * What a submission with that first frame must come to in each dialect: waited to succeeded (with
 * the video read, when asked: the MP4 the package ships), or, where the dialect cannot take a first
 * frame by URL (it uploads files, test/support/dialects.ts), refused before sending.
 */
function expectedOutcomes(as: FirstFrame['as'] | undefined, download: boolean): Record<DialectId, Outcome> {
  const video = download ? { video: { head: 'ftyp', bytes: shipped('sample.mp4').length } } : {};
  return Object.fromEntries(
    DIALECT_IDS.map((dialect): [DialectId, Outcome] => [
      dialect,
      as === 'url' && DIALECT_FACTS[dialect].cannotExpress.includes('first frame by URL')
        ? { error: expect.objectContaining({ name: 'ValidationError', typed: true, rule: 'not-expressible' }) }
        : { dialect, status: 'succeeded', ...video },
    ]),
  ) as Record<DialectId, Outcome>;
}

function runtimeChecks(runtime: Runtime): void {
  describe(`${runtime.label} (${runtime.version})`, { timeout: CONCURRENT_TIMEOUT }, () => {
    it('the client sends a first frame as bytes to every dialect, waits to succeeded, downloads the MP4; a bad request is a ValidationError', async () => {
      const simulator = await startSimulatorChild(currentNode());
      try {
        const options: SubmitOptions = { firstFrame: firstFrame('bytes'), download: true };
        const file = writeFile(
          `${runtime.label.toLowerCase()}-every-dialect.mjs`,
          `import { submitEveryDialect } from './${EVERY_DIALECT_FILE}';
console.log(JSON.stringify(await submitEveryDialect(${JSON.stringify(simulator.url)}, ${JSON.stringify(options)})));
`,
        );
        const { stdout } = await runWith(runtime, runtimeArgs(runtime, file), { env: { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } });
        const result = JSON.parse(stdout) as Submitted;
        expect(result.outcomes).toEqual(expectedOutcomes('bytes', true));
        expect(result.refused).toEqual(EXPECTED_REFUSAL);
      } finally {
        simulator.child.kill();
      }
    });
  });
}

/**
 * `seedance start` from the installed package's bin (node_modules/.bin/seedance, as `npx seedance
 * start` runs it) on a free port, its tasks done in about 50 ms; resolves once it prints its URL.
 */
async function startSeedanceBin(flags: string[]): Promise<{ url: string; child: ChildProcess }> {
  const bin = join(project.dir, 'node_modules/.bin/seedance');
  const child = spawn(bin, ['start', '--port', '0', '--speed', '0.01', '--quiet', ...flags], { cwd: project.dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let printed = '';
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`seedance start ${flags.join(' ')} printed no URL within 20 s`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const found = /simulator on (http:\/\/\S+)/.exec(printed)?.[1];
      if (!found) return;
      clearTimeout(timer);
      resolveUrl(found);
    });
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`seedance start ${flags.join(' ')} exited with ${code}:\n${printed}`)));
  });
  return { url, child };
}

/** Chromium, the page server and the bundle, and two `seedance start` bins (with --cors and without), made once for the browser checks. */
let browserSetUp: ReturnType<typeof setUpBrowser> | undefined;
async function setUpBrowser() {
  const bundle = await bundleForBrowser(project.dir, `./${EVERY_DIALECT_FILE}`);
  const [server, browser, withCors, withoutCors] = await Promise.all([
    serveHarness(bundle),
    launchChromium(),
    startSeedanceBin(['--cors']),
    startSeedanceBin([]),
  ]);
  return { bundle, server, browser, withCors, withoutCors };
}
function browser(): ReturnType<typeof setUpBrowser> {
  browserSetUp ??= setUpBrowser();
  return browserSetUp;
}
afterAll(async () => {
  if (!browserSetUp) return;
  const { server, browser: chromium, withCors, withoutCors } = await browserSetUp;
  withCors.child.kill();
  withoutCors.child.kill();
  await Promise.all([server.close(), chromium.close()]);
});

/** The createTask requests a simulator's journal holds (read on its admin path, from Node). */
async function submitsReceived(simulatorUrl: string): Promise<number> {
  const journal = (await (await fetch(`${simulatorUrl}/__simulator/journal?limit=1000`)).json()) as { entries: { operationId?: string }[] };
  return journal.entries.filter((entry) => entry.operationId === 'createTask').length;
}

function browserChecks(): void {
  describe('Chromium (headless), the client bundled by esbuild --platform=browser from the consumer project', { timeout: CONCURRENT_TIMEOUT }, () => {
    it('the bundle holds the installed package, loads, and prepares a request for every dialect with no network and no Node global', async () => {
      const { bundle, server, browser: chromium } = await browser();
      expect(bundle.inputs.some((input) => input.startsWith('node_modules/seedance-contracts/dist/src/'))).toBe(true);
      const page = await openHarness(chromium, server.origin);
      try {
        const result = await page.call<Prepared>('prepareEveryDialect');
        expect(result).toEqual({
          prepared: Object.fromEntries(DIALECT_IDS.map((dialect) => [dialect, dialect])),
          refused: EXPECTED_REFUSAL,
          nodeGlobals: { process: 'undefined', Buffer: 'undefined', require: 'undefined' },
        });
        expect(page.requests).toEqual([`${server.origin}/`, `${server.origin}/harness.js`]);
        expect(page.errors).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it.each(['bytes', 'blob', 'data-uri', 'url'] as const)(
      'a page on one origin sends a first frame (%s) to `seedance start --cors` on another: succeeded, MP4 read with client.download',
      async (as) => {
        const { server, browser: chromium, withCors } = await browser();
        expect(new URL(withCors.url).origin).not.toBe(server.origin);
        const page = await openHarness(chromium, server.origin);
        try {
          const result = await page.call<Submitted>('submitEveryDialect', withCors.url, { firstFrame: firstFrame(as), download: true } satisfies SubmitOptions);
          expect(result.outcomes).toEqual(expectedOutcomes(as, true));
          expect(result.refused).toEqual(EXPECTED_REFUSAL);
          expect(page.requests.filter((url) => url.startsWith(`${withCors.url}/`)).length).toBeGreaterThan(0);
          expect(page.requests.every((url) => url.startsWith(`${server.origin}/`) || url.startsWith(`${withCors.url}/`))).toBe(true);
          expect(page.errors).toEqual([]);
        } finally {
          await page.close();
        }
      },
    );

    it('without --cors the browser refuses the other origin: a typed ConnectionError per dialect, no hang, nothing reaches the simulator', async () => {
      const { server, browser: chromium, withoutCors } = await browser();
      const page = await openHarness(chromium, server.origin);
      try {
        const result = await page.call<Submitted>('submitEveryDialect', withoutCors.url);
        const refused = { error: expect.objectContaining({ name: 'ConnectionError', typed: true }) };
        expect(result.outcomes).toEqual(Object.fromEntries(DIALECT_IDS.map((dialect) => [dialect, refused])));
        expect(result.refused).toEqual(EXPECTED_REFUSAL);
        // The browser's own words: the preflight found no CORS header, so the request itself was never sent.
        expect(page.errors.some((error) => /CORS policy/.test(error))).toBe(true);
        expect(await submitsReceived(withoutCors.url)).toBe(0);
      } finally {
        await page.close();
      }
    });
  });
}

// One suite whose checks all run at the same time once the project is installed (see the top).
describe.concurrent("the toolkit in an integrator's project", () => {
  packageChecks();
  for (const node of nodes) nodeChecks(node);
  for (const runtime of runtimes) runtimeChecks(runtime);
  if (hasChromium) browserChecks();
  else if (process.env.CI) {
    it('runs the browser checks (CI installs Chromium)', () => {
      throw new Error(`${CHROMIUM} is missing; .ci/run installs it`);
    });
  }
  // Last: its tests wait for the one tsc run, which started when the project was installed, and
  // would hold the slots of vitest's maxConcurrency meanwhile.
  typeScriptChecks();
});

if (!('path' in node24) && !process.env.CI) {
  describe.skip(`Node 24 (${node24.error})`, () => {
    it('runs the consumer tests on Node 24', () => {});
  });
}
