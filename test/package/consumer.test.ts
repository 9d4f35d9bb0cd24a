// The toolkit in an integrator's own project: the repository is packed (`npm pack`), the tarball is
// installed offline into a fresh project in the system's temp directory, and everything an
// integrator does with it is done from there, on this Node (20) and on Node 24: import the client
// and a dialect's generated types (type-checked by `tsc --strict`), require() it from CommonJS,
// start the simulator in-process, run the command line (`--version`, `validate --wire`,
// `check --target` with a JUnit report).
// Once the project is installed its checks are independent of each other, so they run side by
// side (describe.concurrent): the type check, the Arazzo run and each Node's runs overlap, where
// one after another they waited for each other's child processes. Each Node writes its own files.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECT_IDS } from '../../src/dialects/ids.ts';
import { createConsumerProject, packRepository, ROOT, type ConsumerProject } from './consumer-project.ts';
import { currentNode, findNode24, type NodeBinary } from './node-binaries.ts';

const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; bin: Record<string, string> };

const run = promisify(execFile);
/** What the entry point must export (the README's client section names them). */
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

/** Long enough for a dozen child processes at once on a busy 2-core machine. */
const CONCURRENT_TIMEOUT = 120_000;

let packDir: string;
let project: ConsumerProject;
/** tsc's diagnostics for the consumer's TypeScript (empty when it compiles), started as soon as the project is installed. */
let typeCheck: Promise<string>;

beforeAll(async () => {
  packDir = mkdtempSync(join(tmpdir(), 'seedance-pack-'));
  project = await createConsumerProject(await packRepository(packDir), ['@types/node', 'vitest']);
  typeCheck = checkConsumerTypes(consumerSources());
}, 300_000);

afterAll(() => {
  for (const dir of [packDir, project?.dir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const installed = () => join(project.dir, 'node_modules/seedance-contracts');

/** Runs a file of the consumer project with the given Node; stdout, or the error with stderr in it. */
async function runWith(node: NodeBinary, args: string[], options: { allowFailure?: boolean } = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  if (!node.path) throw new Error(`Node 24 is required under CI but could not be had: ${node.version}`);
  try {
    const { stdout, stderr } = await run(node.path, args, { cwd: project.dir, encoding: 'utf8', timeout: 60_000 });
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

    it('every exports entry points to a file in the package', () => {
      const targets = Object.values(project.manifest.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target as Record<string, string>),
      );
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
    // A CommonJS file: TypeScript 5.8+ types require() of an ES module under module nodenext.
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
    ...readmeSnippets(),
  };
}

/** Every ```ts block of the README, as pasted, one module each. */
function readmeSnippets(): Record<string, string> {
  // ```ts and ```ts <label> (the simulator's vitest example) alike.
  const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/^```ts(?:[ \t][^\n]*)?\n([\s\S]*?)^```/gm)].map((match) => match[1] ?? '');
  return Object.fromEntries(blocks.map((block, index) => [`readme-${index + 1}.ts`, block]));
}

/** Writes the consumer's TypeScript files and runs one `tsc --strict` over them; resolves to its diagnostics (empty when all compile). */
async function checkConsumerTypes(files: Record<string, string>): Promise<string> {
  for (const [name, content] of Object.entries(files)) writeFile(name, content);
  try {
    // --skipDefaultLibCheck skips TypeScript's own lib.*.d.ts only (a third of the run's CPU, and not
    // ours to check); the package's declarations and @types/node are still checked.
    const args = [TSC, '--strict', '--noEmit', '--skipDefaultLibCheck', '--module', 'nodenext', '--target', 'es2022', '--types', 'node', ...Object.keys(files)];
    await run(process.execPath, args, { cwd: project.dir, encoding: 'utf8', timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
    return '';
  } catch (error) {
    return (error as { stdout?: string }).stdout ?? String(error);
  }
}

function typeScriptChecks(): void {
  describe("TypeScript in the consumer project (tsc --strict, module nodenext, the package's declarations checked too)", () => {
    const files = consumerSources();

    it('the README has TypeScript snippets to check', () => {
      expect(Object.keys(files).filter((name) => name.startsWith('readme-')).length).toBeGreaterThan(0);
    });

    it.each(Object.keys(files))(
      '%s compiles',
      async (name) => {
        const mine = (await typeCheck).split('\n').filter((line) => line.startsWith(`${name}(`) || line.startsWith('node_modules/'));
        expect(mine, name.startsWith('readme-') ? `${name}: README snippet ${name}\n${files[name]}` : name).toEqual([]);
      },
      CONCURRENT_TIMEOUT,
    );
  });
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
console.log(JSON.stringify({
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

    it('serves CommonJS callers through require() of the ESM package (Node 20.19+)', async () => {
      const file = writeFile(
        fileOf(node, 'legacy.cjs'),
        `const { createClient, ValidationError } = require('seedance-contracts');
const ark = require('seedance-contracts/dialects/ark');
console.log([typeof createClient, typeof ValidationError, ark.dialect].join());
`,
      );
      const { stdout, stderr } = await runWith(node, [file]);
      expect(stdout.trim()).toBe('function,function,ark');
      expect(stderr).not.toMatch(/Error/);
    });

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

// One suite whose checks all run at the same time once the project is installed (see the top).
describe.concurrent("the toolkit in an integrator's project", () => {
  packageChecks();
  for (const node of nodes) nodeChecks(node);
  // Last: its tests wait for the one tsc run, which started when the project was installed, and
  // would hold the slots of vitest's maxConcurrency meanwhile.
  typeScriptChecks();
});

if (!('path' in node24) && !process.env.CI) {
  describe.skip(`Node 24 (${node24.error})`, () => {
    it('runs the consumer tests on Node 24', () => {});
  });
}
